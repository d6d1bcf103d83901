import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWechatClient,
  WechatApiError,
  type WechatClient,
} from '../../../channels/wechat/client.ts';
import { silentLogger } from '../../../src/logger.ts';
import { type FakeWechat, startFakeWechat } from './fake-wechat.ts';

const appId = 'wx0123456789abcdef';
const appSecret = 's'.repeat(32);

describe('WeChat API client', () => {
  let fake: FakeWechat;
  let client: WechatClient;
  let clock: number;
  beforeEach(async () => {
    fake = await startFakeWechat({ appId, secret: appSecret });
    clock = Date.UTC(2026, 0, 1);
    client = createWechatClient({
      baseUrl: fake.baseUrl,
      appId,
      appSecret,
      logger: silentLogger(),
      now: () => clock,
      sleep: async () => {},
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('should cache the access token until shortly before it expires', async () => {
    await client.sendText('openid-1', 'a');
    await client.sendText('openid-1', 'b');
    expect(fake.tokenRequests).toBe(1);

    clock += 7200_000 - 60_000;
    await client.sendText('openid-1', 'c');
    expect(fake.tokenRequests).toBe(2);
    expect(fake.sent.map((message) => message.text?.content)).toEqual(['a', 'b', 'c']);
  });

  it.each([40001, 42001])('should fetch a new token and resend on errcode %i', async (errcode) => {
    await client.accessToken();
    fake.expireToken();
    fake.force({ errcode });

    await client.sendText('openid-1', '您好');

    expect(fake.tokenRequests).toBe(2);
    expect(fake.sent).toHaveLength(1);
  });

  it('should retry when WeChat is busy or answers 5xx, then succeed', async () => {
    fake.force({ errcode: -1 }, { httpStatus: 502 });

    await client.sendText('openid-1', '您好');

    expect(fake.sent).toEqual([{ touser: 'openid-1', msgtype: 'text', text: { content: '您好' } }]);
  });

  it('should give up after its attempts with the evidence', async () => {
    fake.force({ errcode: -1 }, { errcode: -1 }, { errcode: -1 });

    const error = await client.sendText('openid-1', '您好').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(-1);
    expect(fake.sent).toHaveLength(0);
  });

  it('should not retry a refusal such as an expired 48-hour window', async () => {
    fake.force({ errcode: 45015 });

    const error = await client.sendText('openid-1', '您好').catch((caught: unknown) => caught);

    expect((error as WechatApiError).errcode).toBe(45015);
    await client.sendText('openid-1', 'next');
    expect(fake.sent).toHaveLength(1);
  });

  it('should report a refused token request with its errcode', async () => {
    const wrong = createWechatClient({
      baseUrl: fake.baseUrl,
      appId,
      appSecret: 'wrong',
      logger: silentLogger(),
    });

    const error = await wrong.accessToken().catch((caught: unknown) => caught);

    expect((error as WechatApiError).errcode).toBe(40125);
  });

  it('should send each reply as its own message, as a ChatSender', async () => {
    expect(client.channel).toBe('wechat');

    await client.send('openid-9', [
      { text: '您的投诉已登记，编号 W001。' },
      {
        text: '是否满意？',
        choices: [
          { label: '满意', value: 'yes' },
          { label: '不满意', value: 'no' },
        ],
      },
    ]);

    expect(fake.sent.map((message) => message.text?.content)).toEqual([
      '您的投诉已登记，编号 W001。',
      '是否满意？\n1. 满意\n2. 不满意',
    ]);
  });
});
