import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWechat, startFakeWechat } from './fake-wechat.ts';
import {
  createWechatTestApp,
  openId,
  postXml,
  signedQuery,
  textMessage,
  type WechatTestApp,
  wechatXml,
} from './support.ts';

const token = 'taizhang2026';
const appId = 'wx0123456789abcdef';
const secret = 'f'.repeat(32);

describe('WeChat replies that miss the passive window', () => {
  let t: WechatTestApp;
  let fake: FakeWechat;
  beforeEach(async () => {
    fake = await startFakeWechat({ appId, secret });
    t = await createWechatTestApp(
      {
        WECHAT_TOKEN: token,
        WECHAT_APP_ID: appId,
        WECHAT_APP_SECRET: secret,
        WECHAT_API_BASE_URL: fake.baseUrl,
      },
      { passiveTimeoutMs: 20 },
    );
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('should answer success and send the reply through the customer-service API', async () => {
    t.engine.hold();

    const res = await postXml(t.app, signedQuery(token), textMessage('楼上噪音'));
    expect(await res.text()).toBe('success');
    t.engine.release();

    const sent = await fake.waitForSent(1);
    expect(sent).toEqual([
      { touser: openId, msgtype: 'text', text: { content: '收到：楼上噪音' } },
    ]);
    await t.channel.close();
    const [row] = await t.database.db.prisma.inboxEvent.findMany();
    expect(row?.status).toBe('processed');
    expect(JSON.parse(row?.reply ?? 'null')).toEqual({
      delivery: 'customer_service',
      replies: [{ text: '收到：楼上噪音' }],
    });
  });

  it('should answer a retry with success and send no second reply', async () => {
    t.engine.hold();
    await postXml(t.app, signedQuery(token), textMessage('楼上噪音'));

    // WeChat's retry while the turn is still running, and another after it was delivered.
    const during = await postXml(t.app, signedQuery(token), textMessage('楼上噪音'));
    t.engine.release();
    await fake.waitForSent(1);
    await t.channel.close();
    const after = await postXml(t.app, signedQuery(token), textMessage('楼上噪音'));

    expect(await during.text()).toBe('success');
    expect(await after.text()).toBe('success');
    expect(t.engine.calls).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('should render choices as a numbered list and reuse one access token', async () => {
    t.engine.hold();
    const subscribe = (time: number, from: string) =>
      wechatXml({
        ToUserName: 'gh_1234567890ab',
        FromUserName: from,
        CreateTime: time,
        MsgType: 'event',
        Event: 'subscribe',
      });

    await postXml(t.app, signedQuery(token), subscribe(1700000010, 'openid-a'));
    await postXml(t.app, signedQuery(token), subscribe(1700000011, 'openid-b'));
    t.engine.release();

    const sent = await fake.waitForSent(2);
    expect(sent.map((message) => message.touser).sort()).toEqual(['openid-a', 'openid-b']);
    expect(sent[0]?.text?.content).toBe(
      '您好，这里是投诉受理。请选择投诉类别：\n1. 物业服务\n2. 工程质量',
    );
    expect(fake.tokenRequests).toBe(1);
  });

  it('should keep the event as failed when WeChat refuses the message', async () => {
    fake.force({ errcode: 45015 }); // the customer has not written in 48 hours
    t.engine.hold();

    await postXml(t.app, signedQuery(token), textMessage('还没修好'));
    t.engine.release();
    await t.channel.close();

    const [row] = await t.database.db.prisma.inboxEvent.findMany();
    expect(row).toMatchObject({ status: 'failed', error: 'late reply refused (45015)' });
    expect(fake.sent).toHaveLength(0);
  });
});

describe('WeChat late replies without API credentials', () => {
  it('should keep the event as failed rather than lose it silently', async () => {
    const t = await createWechatTestApp({ WECHAT_TOKEN: token }, { passiveTimeoutMs: 20 });
    try {
      t.engine.hold();
      const res = await postXml(t.app, signedQuery(token), textMessage('无人回复'));
      expect(await res.text()).toBe('success');
      t.engine.release();
      await t.channel.close();

      const [row] = await t.database.db.prisma.inboxEvent.findMany();
      expect(row).toMatchObject({ status: 'failed' });
      expect(row?.error).toContain('no API credentials');
    } finally {
      await t.close();
    }
  });
});
