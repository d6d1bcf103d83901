/**
 * The bad-input corpus: hostile and broken requests for every endpoint, each with the status and
 * the stable code it must be answered with. Families of cases are generated per endpoint from one
 * list of mutations, so a new endpoint gets the whole list by describing its valid request.
 */

import { wechatSignature } from '../../channels/wechat/verify.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { callRecord, forumPost, forumSecret, hotlineSecret } from '../support/webhooks.ts';
import { type Harness, plainQuery, safeRequest, signed, wechatToken } from './harness.ts';

export interface BadRequest {
  /** WeChat's plain-mode instance; everything else goes to the safe-mode one. */
  app?: 'plain';
  path: string;
  init?: RequestInit;
}

export interface Case {
  name: string;
  status: number;
  code: ErrorCode;
  /** Console forms show the fields back to the member of staff who typed them. */
  echoesInput?: boolean;
  build(h: Harness): BadRequest | Promise<BadRequest>;
}

type Json = Record<string, unknown>;

const utf8 = (text: string) => new TextEncoder().encode(text);
const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const now = () => Math.floor(Date.now() / 1000);

/** Replaces the first occurrence of `marker` in the JSON text with raw bytes. */
function withBytes(json: Json, marker: string, bytes: number[]): Uint8Array {
  const text = JSON.stringify(json);
  const at = text.indexOf(marker);
  const encoded = utf8(text);
  const offset = utf8(text.slice(0, at)).length;
  return new Uint8Array([...encoded.slice(0, offset), ...bytes, ...encoded.slice(offset)]);
}

/** One JSON endpoint: how to send a body to it, a valid payload, and the fields it holds. */
interface JsonEndpoint {
  name: string;
  valid(): Json;
  send(h: Harness, body: string | Uint8Array, options?: { contentType?: string }): BadRequest;
  /** Codes for a body that is not acceptable JSON (the webhooks answer 422, the API 400). */
  structural: { status: number; code: ErrorCode };
  textFields: string[];
  dateField: string;
  numberField: { name: string; value: number };
}

const dates = [
  ['year 0', '0000-01-01T00:00:00Z'],
  ['year 275760', '+275760-09-13T00:00:00.000Z'],
  ['a five-digit year', '27576-01-01T00:00:00Z'],
  ['30 February', '2026-02-30T10:00:00+08:00'],
  ['month 13', '2026-13-01T10:00:00+08:00'],
  ['before 1970', '1969-12-31T23:59:59Z'],
  ['a negative epoch', -1],
  ['an epoch in milliseconds', 1_791_000_000_000],
  ['words', 'yesterday'],
] as const;

const hostileText = {
  nul: 'before\u0000after',
  overlong: 'x'.repeat(600_000),
};

function jsonCases(endpoint: JsonEndpoint): Case[] {
  const { structural } = endpoint;
  const at = (name: string, status: number, code: ErrorCode, body: () => string | Uint8Array) => ({
    name: `${endpoint.name}: ${name}`,
    status,
    code,
    build: (h: Harness) => endpoint.send(h, body()),
  });
  const json = (overrides: Json) => JSON.stringify({ ...endpoint.valid(), ...overrides });
  const text = endpoint.textFields[0] as string;
  const cases: Case[] = [
    at('invalid UTF-8 (0xFF)', structural.status, structural.code, () =>
      withBytes(endpoint.valid(), text, [0xff]),
    ),
    at('an overlong UTF-8 slash', structural.status, structural.code, () =>
      withBytes(endpoint.valid(), text, [0xc0, 0xaf]),
    ),
    at('a UTF-8 surrogate half', structural.status, structural.code, () =>
      withBytes(endpoint.valid(), text, [0xed, 0xa0, 0x80]),
    ),
    at('10,000 nested arrays', structural.status, structural.code, () => deepArrays(10_000)),
    at('10,000 nested arrays in a field', structural.status, structural.code, () =>
      JSON.stringify(endpoint.valid()).replace(/^\{/, `{"extra":${deepArrays(10_000)},`),
    ),
    at('a body over 1 MiB', 413, 'payload_too_large', () =>
      json({ [text]: 'x'.repeat(1_100_000) }),
    ),
    at('an empty body', structural.status, structural.code, () => ''),
    at('truncated JSON', structural.status, structural.code, () => json({}).slice(0, 40)),
    at('a duplicate key', structural.status, structural.code, () =>
      json({}).replace(/^\{/, `{"${text}":"first",`),
    ),
    at('a __proto__ key', structural.status, structural.code, () =>
      json({}).replace(/^\{/, '{"__proto__":{"isAdmin":true},'),
    ),
    at('a constructor key', structural.status, structural.code, () =>
      json({}).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'),
    ),
    at('JSON null', 422, 'validation_failed', () => 'null'),
    at('a JSON array', 422, 'validation_failed', () => '[]'),
    at('a JSON string', 422, 'validation_failed', () => '"complaint"'),
    at('a JSON number', 422, 'validation_failed', () => '42'),
    at('NUL in a text field', 422, 'validation_failed', () => json({ [text]: hostileText.nul })),
    at('an overlong text field', 422, 'validation_failed', () =>
      json({ [text]: hostileText.overlong }),
    ),
    at('a number where text belongs', 422, 'validation_failed', () => json({ [text]: 12345 })),
    at('an object where text belongs', 422, 'validation_failed', () =>
      json({ [text]: { $ne: null } }),
    ),
    at('an array where text belongs', 422, 'validation_failed', () => json({ [text]: ['a'] })),
    at('a number as a string', 422, 'validation_failed', () =>
      json({ [endpoint.numberField.name]: String(endpoint.numberField.value) }),
    ),
    ...dates.map(([name, value]) =>
      at(`a date of ${name}`, 422, 'validation_failed', () =>
        json({ [endpoint.dateField]: value }),
      ),
    ),
    ...['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'].map(
      (type) => ({
        name: `${endpoint.name}: content type ${type}`,
        status: 415,
        code: 'unsupported_media_type' as const,
        build: (h: Harness) => endpoint.send(h, json({}), { contentType: type }),
      }),
    ),
  ];
  for (const field of endpoint.textFields.slice(1)) {
    cases.push(at(`NUL in ${field}`, 422, 'validation_failed', () => json({ [field]: '\u0000' })));
  }
  return cases;
}

const hotline: JsonEndpoint = {
  name: 'hotline',
  valid: () => callRecord({ callId: `C-${Math.random()}` }),
  send: (_h, body, options) => ({
    path: '/webhooks/hotline',
    init: signed(hotlineSecret, body, options),
  }),
  structural: { status: 422, code: 'malformed_payload' },
  textFields: ['transcript', 'callId', 'caller', 'called', 'queue'],
  dateField: 'startedAt',
  numberField: { name: 'durationSeconds', value: 60 },
};

const forum: JsonEndpoint = {
  name: 'forum',
  valid: () => forumPost({ postId: `P-${Math.random()}` }),
  send: (_h, body, options) => ({
    path: '/webhooks/forum',
    init: signed(forumSecret, body, options),
  }),
  structural: { status: 422, code: 'malformed_payload' },
  textFields: ['body', 'site', 'author', 'title', 'board', 'threadId'],
  dateField: 'capturedAt',
  numberField: { name: 'keywords', value: 1 },
};

/** The batch shape: the mutation is applied to the one post inside `posts`. */
const forumBatch: JsonEndpoint = {
  ...forum,
  name: 'forum batch',
  send(h, body, options) {
    const text = typeof body === 'string' ? body : null;
    const wrapped = text?.startsWith('{') ? `{"posts":[${text}]}` : body;
    return forum.send(h, wrapped, options);
  },
};

const apiComplaint: JsonEndpoint = {
  name: 'POST /api/complaints',
  valid: () => ({
    source: 'referral',
    content: '交房已两年房产证仍未办下来',
    category: '客户服务',
    complainant: { name: '姚女士', phone: '13812345678' },
  }),
  send: (h, body, options) => ({
    path: '/api/complaints',
    init: {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.tokens.supervisor}`,
        'content-type': options?.contentType ?? 'application/json',
      },
      body: body as BodyInit,
    },
  }),
  structural: { status: 400, code: 'malformed_json' },
  textFields: ['content', 'category', 'subject', 'sourceRef', 'dedupeKey'],
  dateField: 'receivedAt',
  numberField: { name: 'facts', value: 1 },
};

function signatureCases(): Case[] {
  const body = () => JSON.stringify(callRecord({ callId: `C-${Math.random()}` }));
  const withHeaders = (name: string, status: number, code: ErrorCode, edit: (h: Json) => Json) => ({
    name: `hotline: ${name}`,
    status,
    code,
    build: (): BadRequest => {
      const init = signed(hotlineSecret, body());
      return {
        path: '/webhooks/hotline',
        init: { ...init, headers: edit(init.headers as Json) as HeadersInit },
      };
    },
  });
  const drop = (name: string) => (headers: Json) => {
    const { [name]: _, ...rest } = headers;
    return rest;
  };
  const set = (name: string, value: string) => (headers: Json) => ({ ...headers, [name]: value });
  const stale = (seconds: number): Case => ({
    name: `hotline: a timestamp ${seconds} s off`,
    status: 401,
    code: 'timestamp_stale',
    build: () => ({
      path: '/webhooks/hotline',
      init: signed(hotlineSecret, body(), { timestamp: now() + seconds }),
    }),
  });
  return [
    withHeaders('no signature', 401, 'signature_missing', drop('webhook-signature')),
    withHeaders('no webhook-id', 401, 'signature_missing', drop('webhook-id')),
    withHeaders('no timestamp', 401, 'signature_missing', drop('webhook-timestamp')),
    withHeaders('an empty signature', 401, 'signature_missing', set('webhook-signature', '')),
    withHeaders('a signature of junk', 401, 'signature_invalid', set('webhook-signature', 'v1,!!')),
    withHeaders('a v2 signature only', 401, 'signature_invalid', (h) => ({
      ...h,
      'webhook-signature': String(h['webhook-signature']).replace('v1,', 'v2,'),
    })),
    withHeaders('10,000 signatures', 401, 'signature_invalid', (h) => ({
      ...h,
      'webhook-signature': Array(10_000).fill('v1,AAAA').join(' '),
    })),
    withHeaders('a flipped signature character', 401, 'signature_invalid', (h) => {
      const signature = String(h['webhook-signature']);
      const flipped = signature.at(-2) === 'A' ? 'B' : 'A';
      return { ...h, 'webhook-signature': `${signature.slice(0, -2)}${flipped}=` };
    }),
    withHeaders('another delivery id', 401, 'signature_invalid', set('webhook-id', 'msg_other')),
    withHeaders('a timestamp moved by one second', 401, 'signature_invalid', (h) => ({
      ...h,
      'webhook-timestamp': String(Number(h['webhook-timestamp']) - 1),
    })),
    withHeaders('a timestamp in words', 401, 'timestamp_stale', set('webhook-timestamp', 'now')),
    withHeaders('a negative timestamp', 401, 'timestamp_stale', set('webhook-timestamp', '-1')),
    withHeaders('a timestamp in ms', 401, 'timestamp_stale', (h) => ({
      ...h,
      'webhook-timestamp': `${h['webhook-timestamp']}000`,
    })),
    stale(-301),
    stale(-86_400 * 365),
    stale(301),
    {
      name: 'hotline: a tampered body',
      status: 401,
      code: 'signature_invalid',
      build: () => {
        const init = signed(hotlineSecret, body());
        const tampered = Buffer.from(init.body as Uint8Array);
        tampered.writeUInt8((tampered.at(-2) ?? 0) ^ 1, tampered.length - 2);
        return { path: '/webhooks/hotline', init: { ...init, body: tampered } };
      },
    },
    {
      name: 'hotline: signed with the forum secret',
      status: 401,
      code: 'signature_invalid',
      build: () => ({ path: '/webhooks/hotline', init: signed(forumSecret, body()) }),
    },
    {
      name: 'hotline: a replay of a delivery signed an hour ago',
      status: 401,
      code: 'timestamp_stale',
      build: () => ({
        path: '/webhooks/hotline',
        init: signed(hotlineSecret, body(), { id: 'msg_replayed', timestamp: now() - 3600 }),
      }),
    },
    {
      name: 'hotline: GET',
      status: 404,
      code: 'not_found',
      build: () => ({ path: '/webhooks/hotline' }),
    },
  ];
}

function forumBatchCases(): Case[] {
  const batch = (name: string, posts: unknown): Case => ({
    name: `forum batch: ${name}`,
    status: 422,
    code: 'validation_failed',
    build: (h) => forum.send(h, JSON.stringify({ posts })),
  });
  return [
    batch('no posts', []),
    batch(
      '101 posts',
      Array.from({ length: 101 }, (_, i) => forumPost({ postId: `B${i}` })),
    ),
    batch('posts as a string', 'posts'),
    batch('a bad post among good ones', [forumPost({ postId: 'G1' }), { url: 'x' }]),
    batch('null posts', [null]),
  ];
}

const api = (h: Harness, path: string, as: 'supervisor' | 'viewer' | 'nobody' = 'supervisor') => ({
  path,
  init: as === 'nobody' ? {} : { headers: { authorization: `Bearer ${h.tokens[as]}` } },
});

function apiReadCases(): Case[] {
  const list = (query: string, status = 422, code: ErrorCode = 'validation_failed'): Case => ({
    name: `GET /api/complaints?${query.slice(0, 60)}`,
    status,
    code,
    build: (h) => api(h, `/api/complaints?${query}`),
  });
  const one = (ref: string, status: number, code: ErrorCode): Case => ({
    name: `GET /api/complaints/${ref.slice(0, 60)}`,
    status,
    code,
    build: (h) => api(h, `/api/complaints/${ref}`),
  });
  const inbox = (query: string, status = 422, code: ErrorCode = 'validation_failed'): Case => ({
    name: `GET /api/inbox?${query}`,
    status,
    code,
    build: (h) => api(h, `/api/inbox?${query}`),
  });
  return [
    list('level=abc'),
    list('level=0'),
    list('level=1e400'),
    list('status=bogus'),
    list('source=%3Cscript%3E'),
    list('from=0000-01-01'),
    list('from=%2B275760-09-13T00%3A00%3A00.000Z'),
    list('to=2026-02-30'),
    list('from=-1'),
    list('from=1791000000000'),
    list('to=yesterday'),
    list('limit=-1'),
    list('limit=1000000000'),
    list('limit=abc'),
    list('sort=%3BDROP%20TABLE%20complaint'),
    list('sort=__proto__'),
    list('unknown=1'),
    list('__proto__=1'),
    list(`q=${'x'.repeat(10_000)}`),
    list(`category=${'类'.repeat(51)}`),
    list(`cursor=${'9'.repeat(21)}`),
    list('q=%00', 400, 'bad_request'),
    list('category=a%00b', 400, 'bad_request'),
    { ...list('', 401, 'unauthorized'), build: (h) => api(h, '/api/complaints', 'nobody') },
    one('9'.repeat(21), 422, 'validation_failed'),
    one('%00', 400, 'bad_request'),
    one('Q001%00', 400, 'bad_request'),
    one('NOPE1', 404, 'complaint_not_found'),
    one("'%20OR%201%3D1--", 404, 'complaint_not_found'),
    one('%3Cscript%3E', 404, 'complaint_not_found'),
    one('..%2F..%2Fetc%2Fpasswd', 404, 'complaint_not_found'),
    one('NOPE1/messages', 404, 'complaint_not_found'),
    one(`${'9'.repeat(21)}/messages`, 422, 'validation_failed'),
    one('%00/messages', 400, 'bad_request'),
    {
      ...one('', 401, 'unauthorized'),
      name: 'GET /api/complaints/{ref}/messages without a token',
      build: (h) => api(h, `/api/complaints/${h.ref}/messages`, 'nobody'),
    },
    {
      name: 'GET /api/complaints/{ref}/contact as a viewer',
      status: 403,
      code: 'forbidden',
      build: (h) => api(h, `/api/complaints/${h.ref}/contact`, 'viewer'),
    },
    inbox('status=bogus'),
    inbox('limit=0'),
    inbox('limit=501'),
    inbox('afterId=-1'),
    inbox('afterId=abc'),
    inbox(`channel=${'c'.repeat(51)}`),
    inbox('channel=%00', 400, 'bad_request'),
    {
      name: 'GET /api/inbox as a viewer',
      status: 403,
      code: 'forbidden',
      build: (h) => api(h, '/api/inbox', 'viewer'),
    },
    {
      name: 'POST /api/complaints as a viewer',
      status: 403,
      code: 'forbidden',
      build: (h) => {
        const request = apiComplaint.send(h, JSON.stringify(apiComplaint.valid()));
        const headers = {
          ...(request.init?.headers as Json),
          authorization: `Bearer ${h.tokens.viewer}`,
        };
        return { ...request, init: { ...request.init, headers: headers as HeadersInit } };
      },
    },
    {
      name: 'POST /api/complaints with a made-up ref',
      status: 422,
      code: 'validation_failed',
      build: (h) =>
        apiComplaint.send(h, JSON.stringify({ ...apiComplaint.valid(), ref: "Q1'; DROP TABLE x" })),
    },
    {
      name: 'POST /api/complaints with unknown fields',
      status: 422,
      code: 'validation_failed',
      build: (h) => apiComplaint.send(h, JSON.stringify({ ...apiComplaint.valid(), admin: true })),
    },
  ];
}

const message = (fields: Record<string, string>) =>
  `<xml>${Object.entries(fields)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('')}</xml>`;

const wechatText = (content: string, extra: Record<string, string> = {}) =>
  message({
    ToUserName: 'gh_1234567890ab',
    FromUserName: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    CreateTime: '1700000000',
    MsgType: 'text',
    Content: content,
    MsgId: String(Date.now()) + String(Math.floor(Math.random() * 1000)),
    ...extra,
  });

const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>${wechatText('&lol2;')}`;
const externalEntity = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wechatText('&xxe;')}`;

function wechatCases(): Case[] {
  const plain = (
    name: string,
    status: number,
    code: ErrorCode,
    body: string | Uint8Array,
    options: { query?: string; contentType?: string } = {},
  ): Case => ({
    name: `WeChat plain POST: ${name}`,
    status,
    code,
    build: () => ({
      app: 'plain',
      path: `/webhooks/wechat?${options.query ?? plainQuery()}`,
      init: {
        method: 'POST',
        headers: { 'content-type': options.contentType ?? 'text/xml' },
        body: body as BodyInit,
      },
    }),
  });
  const safe = (
    name: string,
    status: number,
    code: ErrorCode,
    request: () => BadRequest,
  ): Case => ({ name: `WeChat safe POST: ${name}`, status, code, build: request });
  const handshake = (
    name: string,
    status: number,
    code: ErrorCode,
    query: () => string,
    app?: 'plain',
  ): Case => ({
    name: `WeChat GET: ${name}`,
    status,
    code,
    build: () => ({ app, path: `/webhooks/wechat?${query()}` }),
  });
  const deep = `<xml>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</xml>`;
  return [
    handshake('no echostr', 400, 'bad_request', () => plainQuery(), 'plain'),
    handshake('no signature', 401, 'signature_missing', () => 'echostr=hi', 'plain'),
    handshake(
      'a wrong signature',
      401,
      'signature_invalid',
      () => plainQuery({ echostr: 'x', signature: 'f'.repeat(40) }),
      'plain',
    ),
    handshake('an encrypted echostr that is not AES blocks', 400, 'decryption_failed', () => {
      const signature = wechatSignature([wechatToken, '1', '2', 'AAAA']);
      return `msg_signature=${signature}&timestamp=1&nonce=2&echostr=AAAA`;
    }),
    handshake('a wrong msg_signature', 401, 'signature_invalid', () => {
      return 'msg_signature=abc&timestamp=1&nonce=2&echostr=AAAA';
    }),
    plain('a billion-laughs document', 400, 'xml_forbidden', billionLaughs),
    plain('an external entity', 400, 'xml_forbidden', externalEntity),
    plain('malformed XML', 400, 'malformed_xml', '<xml><ToUserName>a</xml>'),
    plain('a root other than <xml>', 400, 'malformed_xml', '<foo><bar>1</bar></foo>'),
    plain('an empty body', 400, 'malformed_xml', ''),
    plain('invalid UTF-8', 400, 'malformed_xml', new Uint8Array([...utf8(wechatText('a')), 0xff])),
    plain('a NUL character reference', 400, 'malformed_xml', wechatText('a&#0;b')),
    plain('a surrogate character reference', 400, 'malformed_xml', wechatText('&#xD800;')),
    plain('a raw NUL', 400, 'malformed_xml', wechatText('a\u0000b')),
    plain('a raw control character', 400, 'malformed_xml', wechatText('a\u0007b')),
    plain('10,000 nested elements', 400, 'malformed_xml', deep),
    plain(
      'no FromUserName',
      422,
      'validation_failed',
      message({ ToUserName: 'a', MsgType: 'text' }),
    ),
    plain(
      'a CreateTime in words',
      422,
      'validation_failed',
      wechatText('a', { CreateTime: 'now' }),
    ),
    plain('an injected MsgId', 422, 'validation_failed', wechatText('a', { MsgId: "1' OR '1" })),
    plain('a body over 1 MiB', 413, 'payload_too_large', wechatText('x'.repeat(1_100_000))),
    plain('a JSON content type', 415, 'unsupported_media_type', wechatText('a'), {
      contentType: 'application/json',
    }),
    plain('no signature', 401, 'signature_missing', wechatText('a'), { query: 'timestamp=1' }),
    plain('a signature for another nonce', 401, 'signature_invalid', wechatText('a'), {
      query: plainQuery().replace('nonce=20261004', 'nonce=1'),
    }),
    safe('a plain message where encryption is required', 401, 'encryption_required', () => ({
      path: `/webhooks/wechat?${plainQuery()}`,
      init: { method: 'POST', headers: { 'content-type': 'text/xml' }, body: wechatText('a') },
    })),
    safe('a tampered msg_signature', 401, 'signature_invalid', () => {
      const request = safeRequest(wechatText('a'));
      return {
        ...request,
        path: request.path.replace(/msg_signature=[0-9a-f]/, 'msg_signature=g'),
      };
    }),
    safe('ciphertext that is not AES blocks', 400, 'decryption_failed', () =>
      safeRequest('', { encrypted: 'AAAAAAAA' }),
    ),
    safe('ciphertext of random blocks', 400, 'decryption_failed', () =>
      safeRequest('', { encrypted: Buffer.alloc(64, 7).toString('base64') }),
    ),
    safe('a message for another app id', 401, 'app_id_mismatch', () =>
      safeRequest(wechatText('a'), { appId: 'wx0000000000000000' }),
    ),
    safe('an encrypted DOCTYPE', 400, 'xml_forbidden', () => safeRequest(externalEntity)),
    safe('an encrypted message that is not UTF-8', 400, 'decryption_failed', () =>
      safeRequest(new Uint8Array([...utf8(wechatText('a')), 0xff])),
    ),
    safe('an envelope without Encrypt', 422, 'validation_failed', () => {
      const request = safeRequest(wechatText('a'));
      return {
        ...request,
        init: { ...request.init, body: '<xml><ToUserName>a</ToUserName></xml>' },
      };
    }),
  ];
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function consoleCases(): Case[] {
  const post = (path: string, h: Harness, fields: Record<string, string>, type?: string) => ({
    path,
    init: {
      method: 'POST',
      headers: {
        cookie: h.session.cookie,
        'content-type': type ?? 'application/x-www-form-urlencoded',
      },
      body: form({ _csrf: h.session.csrf, ...fields }),
    },
  });
  const register = (name: string, status: number, code: ErrorCode, fields: Json): Case => ({
    name: `console register: ${name}`,
    status,
    code,
    echoesInput: true,
    build: (h) =>
      post('/complaints', h, {
        source: 'referral',
        category: '客户服务',
        content: '门禁坏了',
        ...(fields as Record<string, string>),
      }),
  });
  const login = (name: string, status: number, code: ErrorCode, fields: Json, type?: string) => ({
    name: `console login: ${name}`,
    status,
    code,
    echoesInput: true,
    build: async (h: Harness): Promise<BadRequest> => {
      const page = await h.safe.request('/login');
      const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      return {
        path: '/login',
        init: {
          method: 'POST',
          headers: { cookie, 'content-type': type ?? 'application/x-www-form-urlencoded' },
          body: type?.includes('json')
            ? JSON.stringify(fields)
            : form({ _csrf: csrf, ...(fields as Record<string, string>) }),
        },
      };
    },
  });
  const action = (name: string, status: number, code: ErrorCode, fields: Json, ref?: string) => ({
    name: `console assign: ${name}`,
    status,
    code,
    echoesInput: true,
    build: (h: Harness) =>
      post(`/complaints/${ref ?? h.ref}/assign`, h, fields as Record<string, string>),
  });
  return [
    register('no content', 422, 'validation_failed', { content: '' }),
    register('NUL in the content', 422, 'validation_failed', { content: 'a\u0000b' }),
    register('NUL in the name', 422, 'validation_failed', { name: '\u0000' }),
    register('an overlong content', 422, 'validation_failed', { content: 'x'.repeat(20_001) }),
    register('an overlong room', 422, 'validation_failed', { room: 'x'.repeat(51) }),
    register('an unknown source', 422, 'validation_failed', { source: "referral' OR 1=1" }),
    register('no category', 422, 'validation_failed', { category: '' }),
    register(
      'prototype keys and no content',
      422,
      'validation_failed',
      Object.fromEntries([
        ['__proto__', 'x'],
        ['constructor', 'y'],
        ['content', ''],
      ]),
    ),
    register('a body over 1 MiB', 413, 'payload_too_large', { content: 'x'.repeat(1_100_000) }),
    {
      name: 'console register: no CSRF token',
      status: 403,
      code: 'csrf_failed',
      build: (h) => ({
        path: '/complaints',
        init: {
          method: 'POST',
          headers: {
            cookie: h.session.cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form({ source: 'referral', category: '客户服务', content: '门禁坏了' }),
        },
      }),
    },
    {
      name: 'console register: no session',
      status: 401,
      code: 'unauthorized',
      build: () => ({
        path: '/complaints',
        init: { method: 'POST', body: form({ content: 'x' }) },
      }),
    },
    login('no CSRF token', 403, 'csrf_failed', { username: 'chen', password: 'x' }, 'x'),
    login('a JSON body', 403, 'csrf_failed', { username: 'chen' }, 'application/json'),
    login('a wrong password', 401, 'unauthorized', { username: 'chen', password: 'wrong one!' }),
    login('NUL in the username', 401, 'unauthorized', { username: 'chen\u0000', password: 'x' }),
    login('SQL in the username', 401, 'unauthorized', { username: "' OR '1'='1", password: 'x' }),
    login('a 100 kB username', 401, 'unauthorized', {
      username: 'u'.repeat(100_000),
      password: 'x',
    }),
    login('a 100 kB password', 401, 'unauthorized', {
      username: 'chen',
      password: 'p'.repeat(1e5),
    }),
    action('no CSRF token', 403, 'csrf_failed', { _csrf: '' }),
    action('an unknown assignee', 422, 'validation_failed', { assignee: 'nobody' }),
    action('NUL in the assignee', 422, 'validation_failed', { assignee: 'chen\u0000' }),
    action('an overlong assignee', 422, 'validation_failed', { assignee: 'c'.repeat(100_000) }),
    action(
      'a complaint that does not exist',
      404,
      'complaint_not_found',
      { assignee: 'chen' },
      'NOPE9',
    ),
    {
      name: 'console: a complaint page for a NUL ref',
      status: 400,
      code: 'bad_request',
      build: (h) => ({ path: '/complaints/%00', init: { headers: { cookie: h.session.cookie } } }),
    },
    {
      name: 'healthz: POST (the console refuses what has no session)',
      status: 401,
      code: 'unauthorized',
      build: () => ({ path: '/healthz', init: { method: 'POST', body: '{}' } }),
    },
    {
      name: 'healthz: a NUL path',
      status: 400,
      code: 'bad_request',
      build: () => ({ path: '/healthz%00' }),
    },
  ];
}

export const corpus: Case[] = [
  ...jsonCases(hotline),
  ...signatureCases(),
  ...jsonCases(forum),
  ...jsonCases(forumBatch),
  ...forumBatchCases(),
  ...jsonCases(apiComplaint),
  ...apiReadCases(),
  ...wechatCases(),
  ...consoleCases(),
];

/** Text that is legitimate input and must be stored as written and shown escaped. */
export const hostileButValid = {
  html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  sql: "'; DROP TABLE complaint; --",
  quote: '" onmouseover="alert(1)',
};
