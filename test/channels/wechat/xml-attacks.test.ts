import { afterEach, describe, expect, it } from 'vitest';
import { decodeAesKey, encryptMessage } from '../../../channels/wechat/crypto.ts';
import { wechatSignature } from '../../../channels/wechat/verify.ts';
import {
  accountId,
  createWechatTestApp,
  openId,
  postXml,
  signedQuery,
  type WechatTestApp,
  wechatXml,
} from './support.ts';
import { sampleAesKey } from './vectors.ts';

const token = 'taizhang2026';

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><ToUserName>${accountId}</ToUserName><FromUserName>${openId}</FromUserName>
<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>&lol3;</Content>
<MsgId>1</MsgId></xml>`;

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><ToUserName>${accountId}</ToUserName><FromUserName>${openId}</FromUserName>
<CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content>
<MsgId>2</MsgId></xml>`;

const parameterEntity = `<!DOCTYPE xml [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd">
%remote;]><xml><MsgId>3</MsgId></xml>`;

let t: WechatTestApp;
afterEach(async () => {
  await t?.close();
});

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('WeChat XML attacks', () => {
  it.each([
    ['a billion-laughs document', billionLaughs],
    ['an external entity', externalEntity],
    ['a parameter entity', parameterEntity],
    ['a lower-case doctype', externalEntity.replace('DOCTYPE', 'doctype')],
  ])('should refuse %s with 400 and store nothing', async (_name, body) => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token), body);

    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('xml_forbidden');
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
    expect(t.engine.calls).toHaveLength(0);
  });

  it('should refuse an entity declaration hidden inside an encrypted payload', async () => {
    const appId = 'wx2c2769f8efd9abc2';
    t = await createWechatTestApp({
      WECHAT_TOKEN: token,
      WECHAT_APP_ID: appId,
      WECHAT_ENCODING_AES_KEY: sampleAesKey,
    });
    const encrypted = encryptMessage(decodeAesKey(sampleAesKey), appId, externalEntity);
    const query = new URLSearchParams({
      timestamp: '1700000000',
      nonce: '7',
      encrypt_type: 'aes',
      msg_signature: wechatSignature([token, '1700000000', '7', encrypted]),
    });

    const res = await postXml(t.app, query.toString(), wechatXml({ Encrypt: encrypted }));

    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('xml_forbidden');
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
  });

  it.each([
    ['an unclosed element', '<xml><ToUserName>gh</xml>'],
    ['text that is not XML', 'hello'],
    ['an empty body', ''],
    ['a document without the xml root fields', '<xml/>'],
    [
      'elements nested deeper than the parser allows',
      `<xml>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</xml>`,
    ],
  ])('should refuse %s with 400 malformed_xml', async (_name, body) => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token), body);

    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('malformed_xml');
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
  });

  it('should refuse well-formed XML without the message fields with 422 and the paths', async () => {
    t = await createWechatTestApp({ WECHAT_TOKEN: token });

    const res = await postXml(t.app, signedQuery(token), '<xml><MsgType>text</MsgType></xml>');

    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((issue) => issue.path)).toContain('FromUserName');
  });
});
