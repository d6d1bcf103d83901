import { afterEach, describe, expect, it } from 'vitest';
import { decodeAesKey, decryptMessage, encryptMessage } from '../../../channels/wechat/crypto.ts';
import { parseWechatXml } from '../../../channels/wechat/parse.ts';
import { wechatSignature } from '../../../channels/wechat/verify.ts';
import {
  accountId,
  createWechatTestApp,
  openId,
  postXml,
  signedQuery,
  textMessage,
  type WechatTestApp,
  wechatXml,
} from './support.ts';
import {
  cppSafe,
  cppSafeBody,
  pythonCompatible,
  pythonCompatibleBody,
  sampleAesKey,
  verifyUrl,
} from './vectors.ts';

const token = 'taizhang2026';

let t: WechatTestApp;
afterEach(async () => {
  await t?.close();
});

const inboxRows = () => t.database.db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' } });
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('WeChat handshake', () => {
  it('should answer the echostr when the signature matches', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await t.app.request(`/webhooks/wechat?${signedQuery(token, { echostr: 'e4c9' })}`);

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('e4c9');
  });

  it.each([
    ['a wrong signature', signedQuery('othertoken', { echostr: 'e4c9' }), 'signature_invalid'],
    ['no signature', 'timestamp=1700000000&nonce=1&echostr=e4c9', 'signature_missing'],
  ])('should refuse %s with 401 and a code', async (_name, query, code) => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await t.app.request(`/webhooks/wechat?${query}`);

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe(code);
  });

  it('should verify and decrypt the echostr in safe mode (WeChat sample vector)', async () => {
    t = await createWechatTestApp({
      WECHAT_TOKEN: verifyUrl.token,
      WECHAT_APP_ID: verifyUrl.appId,
      WECHAT_ENCODING_AES_KEY: verifyUrl.aesKey,
    });
    const query = (echostr: string) =>
      new URLSearchParams({
        msg_signature: verifyUrl.msgSignature,
        timestamp: verifyUrl.timestamp,
        nonce: verifyUrl.nonce,
        echostr,
      });

    const res = await t.app.request(`/webhooks/wechat?${query(verifyUrl.echostr)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(verifyUrl.answer);

    const tampered = await t.app.request(
      `/webhooks/wechat?${query(`A${verifyUrl.echostr.slice(1)}`)}`,
    );
    expect(tampered.status).toBe(401);
    expect(await errorCode(tampered)).toBe('signature_invalid');
  });
  it('should answer the plain handshake the console sends in safe mode too', async () => {
    t = await createWechatTestApp({
      WECHAT_TOKEN: verifyUrl.token,
      WECHAT_APP_ID: verifyUrl.appId,
      WECHAT_ENCODING_AES_KEY: verifyUrl.aesKey,
    });

    const res = await t.app.request(
      `/webhooks/wechat?${signedQuery(verifyUrl.token, { echostr: '5839' })}`,
    );

    expect(await res.text()).toBe('5839');
  });
});

describe('WeChat plain mode', () => {
  it('should answer a text message passively and keep the event with its reply', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token, { openid: openId }), textMessage('漏水了'));

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('xml');
    const reply = parseWechatXml(await res.text());
    expect(reply).toMatchObject({
      ToUserName: openId,
      FromUserName: accountId,
      MsgType: 'text',
      Content: '收到：漏水了',
    });
    expect(t.engine.calls).toMatchObject([
      { channel: 'wechat', kind: 'text', text: '漏水了', userId: openId },
    ]);
    const [row] = await inboxRows();
    expect(row).toMatchObject({
      channel: 'wechat',
      deliveryKey: 'wechat:6054768590064713728',
      status: 'processed',
    });
    expect(JSON.parse(row?.reply ?? 'null')).toEqual({
      delivery: 'passive',
      replies: [{ text: '收到：漏水了' }],
    });
  });

  it('should refuse a tampered signature with 401 and store nothing', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery('notthetoken'), textMessage('hi'));

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('signature_invalid');
    expect(await inboxRows()).toHaveLength(0);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('should greet a new follower with the engine greeting and numbered choices', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });
    const subscribe = wechatXml({
      ToUserName: accountId,
      FromUserName: openId,
      CreateTime: 1700000001,
      MsgType: 'event',
      Event: 'subscribe',
    });

    const res = await postXml(t.app, signedQuery(token), subscribe);

    expect(parseWechatXml(await res.text()).Content).toBe(
      '您好，这里是投诉受理。请选择投诉类别：\n1. 物业服务\n2. 工程质量',
    );
    expect(t.engine.calls[0]?.kind).toBe('follow');
    expect((await inboxRows())[0]?.deliveryKey).toBe(`wechat:${openId}:1700000001`);
  });

  const base = { ToUserName: accountId, FromUserName: openId, CreateTime: 1700000002 };
  it.each([
    [
      'voice with recognition',
      { MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '电梯坏了', MsgId: '11' },
      { kind: 'voice', text: '电梯坏了' },
    ],
    [
      'voice without recognition',
      { MsgType: 'voice', MediaId: 'm2', Format: 'amr', MsgId: '12' },
      { kind: 'voice', media: { kind: 'voice', url: 'wechat-media:m2', mimeType: 'audio/amr' } },
    ],
    [
      'an image',
      { MsgType: 'image', PicUrl: 'http://mmbiz.example/p.jpg', MediaId: 'm3', MsgId: '13' },
      { kind: 'image', media: { kind: 'image', url: 'http://mmbiz.example/p.jpg' } },
    ],
    [
      'a location',
      {
        MsgType: 'location',
        Location_X: '34.7466',
        Location_Y: '113.6253',
        Scale: '15',
        Label: '郑州森林湖3号楼',
        MsgId: '14',
      },
      {
        kind: 'location',
        location: { label: '郑州森林湖3号楼', latitude: 34.7466, longitude: 113.6253 },
      },
    ],
    [
      'a menu click',
      { MsgType: 'event', Event: 'CLICK', EventKey: 'COMPLAINT_STATUS' },
      { kind: 'menu', text: 'COMPLAINT_STATUS' },
    ],
    [
      'a short video',
      { MsgType: 'shortvideo', MediaId: 'm5', ThumbMediaId: 't5', MsgId: '15' },
      { kind: 'video', media: { kind: 'video', url: 'wechat-media:m5' } },
    ],
    [
      'a link',
      { MsgType: 'link', Title: 't', Description: 'd', Url: 'http://example.com', MsgId: '16' },
      { kind: 'unsupported' },
    ],
  ])('should hand the engine %s', async (_name, fields, expected) => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token), wechatXml({ ...base, ...fields }));

    expect(res.status).toBe(200);
    expect(t.engine.calls).toHaveLength(1);
    expect(t.engine.calls[0]).toMatchObject({ channel: 'wechat', userId: openId, ...expected });
    if (expected.kind === 'unsupported') {
      expect(parseWechatXml(await res.text()).Content).toBe('目前只能处理文字消息。');
    }
  });

  it('should store an unsubscribe without a turn and answer success', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });
    const unsubscribe = wechatXml({ ...base, MsgType: 'event', Event: 'unsubscribe' });

    const res = await postXml(t.app, signedQuery(token), unsubscribe);

    expect(await res.text()).toBe('success');
    expect(t.engine.calls).toHaveLength(0);
    expect((await inboxRows())[0]?.status).toBe('processed');
  });

  it('should answer a redelivered message the same way without a second turn', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const first = await postXml(t.app, signedQuery(token), textMessage('停车位被占'));
    const second = await postXml(t.app, signedQuery(token), textMessage('停车位被占'));

    const firstReply = parseWechatXml(await first.text());
    const secondReply = parseWechatXml(await second.text());
    expect(secondReply.Content).toBe(firstReply.Content);
    expect(secondReply.Content).toBe('收到：停车位被占');
    expect(t.engine.calls).toHaveLength(1);
    expect(await inboxRows()).toHaveLength(1);
  });

  it('should deduplicate a redelivered event on sender and CreateTime', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });
    const subscribe = wechatXml({ ...base, MsgType: 'event', Event: 'subscribe' });

    const first = await (await postXml(t.app, signedQuery(token), subscribe)).text();
    const second = await (await postXml(t.app, signedQuery(token), subscribe)).text();

    expect(parseWechatXml(second).Content).toBe(parseWechatXml(first).Content);
    expect(t.engine.calls).toHaveLength(1);
  });

  it('should keep a failed turn as a dead letter and answer success', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token), textMessage('boom'));

    expect(await res.text()).toBe('success');
    expect((await inboxRows())[0]).toMatchObject({ status: 'failed', error: 'engine failed' });
  });
});

describe('WeChat safe and compatible mode', () => {
  const env = {
    WECHAT_TOKEN: cppSafe.token,
    WECHAT_APP_ID: cppSafe.appId,
    WECHAT_ENCODING_AES_KEY: sampleAesKey,
  };
  const key = decodeAesKey(sampleAesKey);

  const aesQuery = (vector: { timestamp: string; nonce: string; msgSignature: string }) =>
    new URLSearchParams({
      signature: wechatSignature([cppSafe.token, vector.timestamp, vector.nonce]),
      timestamp: vector.timestamp,
      nonce: vector.nonce,
      openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      encrypt_type: 'aes',
      msg_signature: vector.msgSignature,
    }).toString();

  /** Checks the envelope's signature and returns the decrypted reply's fields. */
  const openReply = async (res: Response, vector: { timestamp: string; nonce: string }) => {
    const envelope = parseWechatXml(await res.text()) as Record<string, string>;
    expect(envelope.TimeStamp).toBe(vector.timestamp);
    expect(envelope.Nonce).toBe(vector.nonce);
    expect(envelope.MsgSignature).toBe(
      wechatSignature([cppSafe.token, vector.timestamp, vector.nonce, envelope.Encrypt ?? '']),
    );
    const opened = decryptMessage(key, envelope.Encrypt ?? '');
    expect(opened.appId).toBe(cppSafe.appId);
    return parseWechatXml(opened.message);
  };

  it.each([
    ['safe mode (C++ sample)', cppSafe, cppSafeBody, cppSafe.msgId],
    [
      'compatible mode (Python sample)',
      pythonCompatible,
      pythonCompatibleBody,
      '6054768590064713728',
    ],
  ])(
    'should decrypt %s and answer with an encrypted passive reply',
    async (_n, vector, body, msgId) => {
      t = await createWechatTestApp(env);

      const res = await postXml(t.app, aesQuery(vector), body);

      expect(res.status).toBe(200);
      expect(await openReply(res, vector)).toMatchObject({
        ToUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
        FromUserName: 'gh_10f6c3c3ac5a',
        Content: '收到：abcdteT',
      });
      expect(t.engine.calls).toMatchObject([{ kind: 'text', text: 'abcdteT' }]);
      expect((await inboxRows())[0]?.deliveryKey).toBe(`wechat:${msgId}`);
    },
  );

  it('should refuse a plain message when an EncodingAESKey is set', async () => {
    t = await createWechatTestApp(env);

    const res = await postXml(t.app, signedQuery(cppSafe.token), textMessage('hi'));

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('encryption_required');
    expect(await inboxRows()).toHaveLength(0);
  });

  it.each([
    [
      'a tampered payload',
      cppSafeBody.replace('mfBCs65c', 'mfBCs66c'),
      cppSafe,
      'signature_invalid',
    ],
    [
      'a tampered msg_signature',
      cppSafeBody,
      { ...cppSafe, msgSignature: `f${cppSafe.msgSignature.slice(1)}` },
      'signature_invalid',
    ],
    ['no msg_signature', cppSafeBody, { ...cppSafe, msgSignature: '' }, 'signature_missing'],
  ])('should refuse %s with 401 and store nothing', async (_name, body, vector, code) => {
    t = await createWechatTestApp(env);

    const res = await postXml(t.app, aesQuery(vector), body);

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe(code);
    expect(await inboxRows()).toHaveLength(0);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('should refuse a correctly signed message encrypted for another app id', async () => {
    t = await createWechatTestApp(env);
    const encrypted = encryptMessage(key, 'wx0000000000000000', textMessage('hi'));
    const vector = {
      timestamp: '1700000000',
      nonce: '42',
      msgSignature: wechatSignature([cppSafe.token, '1700000000', '42', encrypted]),
    };

    const res = await postXml(t.app, aesQuery(vector), wechatXml({ Encrypt: encrypted }));

    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('app_id_mismatch');
    expect(await inboxRows()).toHaveLength(0);
  });
});
