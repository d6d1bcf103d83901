/**
 * Property-based fuzzing of the parsers and signature checks. Each property says what holds for
 * every input: the parsers answer with a result or our typed AppError and nothing else, and a
 * signature verifies exactly when nothing it covers has changed. Runs are kept moderate for CI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForumPost, parseForumDelivery } from '../../channels/forum/parse.ts';
import { HotlineCall } from '../../channels/hotline/parse.ts';
import { decodeAesKey, decryptMessage, encryptMessage } from '../../channels/wechat/crypto.ts';
import { parseWechatXml } from '../../channels/wechat/parse.ts';
import { verifySignature, wechatSignature } from '../../channels/wechat/verify.ts';
import { AppError } from '../../src/errors.ts';
import { readJsonBytes, readJsonText } from '../../src/http/strict-json.ts';
import { signPayload, verifyWebhook } from '../../src/intake/standard-webhooks.ts';
import { readCsv } from '../../src/spreadsheet/read.ts';
import { sampleAesKey } from '../channels/wechat/vectors.ts';
import { callRecord, forumPost, forumSecret, hotlineSecret } from '../support/webhooks.ts';
import { plainQuery, signed, useHarness } from './harness.ts';

const numRuns = 300;
const run = <T>(property: fc.IProperty<T>) => fc.assert(property, { numRuns });

/** Runs `fn`; anything thrown that is not an AppError fails the property. */
function onlyTyped<T>(fn: () => T): T | AppError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** A valid record with one of its fields, chosen by the fuzzer, replaced by anything at all. */
const mutated = (valid: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(valid), 'extra'),
      fc.anything({ withNullPrototype: true }),
    )
    .map(([key, value]) => ({ ...valid, [key]: value }));

describe('fuzzing the JSON reader', () => {
  it('should read any bytes into a value or a reason, never throwing', () => {
    run(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const reading = readJsonBytes(bytes);
        if (reading.ok) expect(reading.value).toEqual(JSON.parse(Buffer.from(bytes).toString()));
        else expect(typeof reading.reason).toBe('string');
      }),
    );
  });

  it('should accept what JSON.stringify writes unless it holds a prototype key', () => {
    const prototypeKey = /"(__proto__|constructor|prototype)":/;
    run(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        const reading = readJsonText(text);
        expect(reading.ok).toBe(!prototypeKey.test(text));
      }),
    );
  });
});

describe('fuzzing the webhook parsers', () => {
  it('should answer any JSON value on the hotline with a parse result', () => {
    const input = fc.oneof(fc.anything(), mutated(callRecord()));
    run(
      fc.property(input, (json) => {
        const parsed = HotlineCall.safeParse(json);
        if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it('should answer any JSON value on the forum with a parse result', () => {
    const post = forumPost();
    const input = fc.oneof(
      fc.anything(),
      mutated(post),
      fc
        .array(fc.oneof(mutated(post), fc.anything()), { maxLength: 3 })
        .map((posts) => ({ posts })),
    );
    run(
      fc.property(input, (json) => {
        const parsed = parseForumDelivery(json);
        if (parsed.success) for (const p of parsed.data) expect(ForumPost.parse(p)).toEqual(p);
      }),
    );
  });

  it('should never store a NUL or an unreadable date from a hotline record', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const input = fc.record({ callId: text, caller: text, startedAt: text }).map((fields) => ({
      ...callRecord(),
      ...fields,
    }));
    run(
      fc.property(input, (json) => {
        const parsed = HotlineCall.safeParse(json);
        if (!parsed.success) return;
        expect(parsed.data.callId + parsed.data.caller).not.toContain('\0');
        expect(Number.isNaN(new Date(parsed.data.startedAt).getTime())).toBe(false);
      }),
    );
  });
});

describe('fuzzing the WeChat XML parser', () => {
  it('should parse any text or refuse it with an AppError', () => {
    const fragments = fc.constantFrom('<xml>', '</xml>', '<a>', '</a>', '<![CDATA[', ']]>', '&#0;');
    const soup = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fragments), { maxLength: 12 });
    run(
      fc.property(
        soup.map((parts) => parts.join('')),
        (text) => {
          const result = onlyTyped(() => parseWechatXml(text));
          if (result instanceof AppError) expect(result.status).toBeLessThan(500);
        },
      ),
    );
  });

  it('should give back any text it carries in CDATA exactly as sent', () => {
    // XML 1.0 cannot carry control characters or lone surrogates, and trims values.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: leaving them out is the point
    const outsideXml = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|]]>/;
    const xmlChar = fc
      .string({ unit: 'grapheme', maxLength: 80 })
      .filter((s) => !outsideXml.test(s) && s.trim() === s);
    run(
      fc.property(xmlChar, (content) => {
        const fields = parseWechatXml(`<xml><Content><![CDATA[${content}]]></Content></xml>`);
        expect(fields.Content ?? '').toBe(content);
      }),
    );
  });
});

describe('fuzzing the WeChat message encryption', () => {
  const key = decodeAesKey(sampleAesKey);

  it('should decrypt any string or refuse it with decryption_failed', () => {
    const input = fc.oneof(
      fc.string(),
      fc.uint8Array({ minLength: 1, maxLength: 96 }).map((b) => Buffer.from(b).toString('base64')),
    );
    run(
      fc.property(input, (encrypted) => {
        const result = onlyTyped(() => decryptMessage(key, encrypted));
        if (result instanceof AppError) expect(result.code).toBe('decryption_failed');
      }),
    );
  });

  it('should open what it sealed, for any message and app id', () => {
    run(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ minLength: 1 }), (message, app) => {
        expect(decryptMessage(key, encryptMessage(key, app, message))).toEqual({
          message,
          appId: app,
        });
      }),
    );
  });
});

describe('fuzzing the CSV import reader', () => {
  it('should read any bytes into a sheet or refuse them with an AppError', () => {
    const csvish = fc
      .array(fc.oneof(fc.string(), fc.constantFrom('"', ',', '\n', '\r\n', '""', '\uFEFF')), {
        maxLength: 20,
      })
      .map((parts) => Buffer.from(parts.join('')));
    const input = fc.oneof(
      csvish,
      fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
    );
    run(
      fc.property(input, (bytes) => {
        const result = onlyTyped(() => readCsv(bytes));
        if (result instanceof AppError) expect(result.code).toBe('bad_request');
        else expect(result.rows.length).toBe(result.rowNumbers.length);
      }),
    );
  });
});

/** One byte of `bytes` replaced by another value. */
const tamper = (bytes: Uint8Array, at: number, delta: number) => {
  const copy = Uint8Array.from(bytes);
  const index = at % copy.length;
  copy[index] = ((copy[index] ?? 0) + delta) % 256;
  return copy;
};

describe('fuzzing the Standard Webhooks signature check', () => {
  const secrets = [Buffer.from(hotlineSecret.replace('whsec_', ''), 'base64')];
  const now = new Date('2026-10-04T08:00:00Z');
  const timestamp = Math.floor(now.getTime() / 1000);
  const id = fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/);
  const body = fc.uint8Array({ minLength: 1, maxLength: 300 });

  const verify = (headers: { id: string; timestamp: string; signature: string }, b: Uint8Array) =>
    onlyTyped(() => verifyWebhook({ secrets, headers, body: b, now }));

  it('should verify any body signed with the secret', () => {
    run(
      fc.property(id, body, (msgId, b) => {
        const signature = signPayload({ secret: hotlineSecret, id: msgId, timestamp, body: b });
        expect(verify({ id: msgId, timestamp: String(timestamp), signature }, b)).toEqual({
          id: msgId,
          timestamp,
        });
      }),
    );
  });

  it('should refuse a body, id or signature with any one byte changed', () => {
    const change = fc.record({
      part: fc.constantFrom('body', 'id', 'signature'),
      at: fc.nat(),
      delta: fc.integer({ min: 1, max: 255 }),
    });
    run(
      fc.property(id, body, change, (msgId, b, { part, at, delta }) => {
        const signature = signPayload({ secret: hotlineSecret, id: msgId, timestamp, body: b });
        const headers = { id: msgId, timestamp: String(timestamp), signature };
        const bytes = (s: string) => new TextEncoder().encode(s);
        const text = (u: Uint8Array) => Buffer.from(u).toString('latin1');
        if (part === 'body') b = tamper(b, at, delta);
        if (part === 'id') headers.id = text(tamper(bytes(msgId), at, delta));
        if (part === 'signature') headers.signature = text(tamper(bytes(signature), at, delta));

        const result = verify(headers, b);

        expect(result).toBeInstanceOf(AppError);
        // A changed base64 character may decode to the same bytes only where it pads.
        expect(['signature_invalid', 'signature_missing']).toContain((result as AppError).code);
      }),
    );
  });
});

describe('fuzzing the WeChat SHA-1 signature check', () => {
  const part = fc.string({ unit: 'grapheme-ascii', maxLength: 40 });
  const parts = fc.tuple(part, part, part, part);

  it('should verify the signature of any parts, in any case', () => {
    run(
      fc.property(parts, fc.boolean(), (p, upper) => {
        const signature = wechatSignature(p);
        expect(verifySignature(upper ? signature.toUpperCase() : signature, p)).toBe(true);
      }),
    );
  });

  it('should refuse a signature with any one character changed', () => {
    run(
      fc.property(parts, fc.nat(39), fc.constantFrom(...'0123456789abcdefg'), (p, at, char) => {
        const signature = wechatSignature(p);
        fc.pre(signature[at] !== char);
        const changed = `${signature.slice(0, at)}${char}${signature.slice(at + 1)}`;
        expect(verifySignature(changed, p)).toBe(false);
      }),
    );
  });

  it('should refuse parts with any one character changed', () => {
    run(
      fc.property(
        parts,
        fc.nat(3),
        fc.nat(),
        fc.integer({ min: 1, max: 94 }),
        (p, which, at, d) => {
          const original = p[which] ?? '';
          fc.pre(original.length > 0);
          const index = at % original.length;
          const code = 32 + ((original.charCodeAt(index) - 32 + d) % 95);
          const changed = [...p];
          changed[which] =
            `${original.slice(0, index)}${String.fromCharCode(code)}${original.slice(index + 1)}`;
          // WeChat joins the sorted parts with no separator, so two different sets of parts can
          // join to the same text; only a change to the joined text is a different message.
          fc.pre([...p].sort().join('') !== [...changed].sort().join(''));
          expect(verifySignature(wechatSignature(p), changed)).toBe(false);
        },
      ),
    );
  });
});

describe('fuzzing the endpoints through the app', () => {
  const harness = useHarness();

  /** Stored complaints or a typed refusal: any answer but a 5xx, and every refusal has a code. */
  async function expectHandled(response: Response) {
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) expect((await response.json()).error.code).toMatch(/^[a-z_]+$/);
  }

  it('should answer any signed JSON on the hotline and the forum without a 5xx', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      mutated(callRecord()).map((record) => ({ ...record, callId: `F-${Math.random()}` })),
      mutated(forumPost()).map((post) => ({ ...post, postId: `F-${Math.random()}` })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (json, toForum) => {
        const text = JSON.stringify(json) ?? 'null';
        const path = toForum ? '/webhooks/forum' : '/webhooks/hotline';
        const init = signed(toForum ? forumSecret : hotlineSecret, text);
        await expectHandled(await harness().safe.request(path, init));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('should answer any plain-mode WeChat text without a 5xx', async () => {
    const content = fc.string({ unit: 'binary', maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(content, fc.nat(), async (text, n) => {
        const xml = `<xml><ToUserName>gh_1</ToUserName><FromUserName>o${n}</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>${text}</Content><MsgId>${n}</MsgId></xml>`;
        const response = await harness().plain.request(`/webhooks/wechat?${plainQuery()}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: xml,
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) await expectHandled(response);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
