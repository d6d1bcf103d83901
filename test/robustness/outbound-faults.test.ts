/**
 * The WeChat customer-service API failing under a late reply: answers of HTTP 500 and calls that
 * never answer are retried with a doubling backoff, and while the send is stuck the webhook keeps
 * taking messages in. The backoff waits are held open by the test, so "stuck" is a state the test
 * controls rather than a race it hopes to win.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWechat, startFakeWechat } from '../channels/wechat/fake-wechat.ts';
import {
  createWechatTestApp,
  openId,
  postXml,
  signedQuery,
  textMessage,
  type WechatTestApp,
  wechatXml,
} from '../channels/wechat/support.ts';

const token = 'faults2026';
const appId = 'wx0123456789abcdef';
const secret = 'e'.repeat(32);
const backoffMs = 1000;

/** A sleep that records each wait and returns only once the test opens it. */
function heldSleep() {
  const waits: number[] = [];
  let open: () => void = () => {};
  let opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const waiting: Array<() => void> = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      for (const notify of waiting.splice(0)) notify();
      await opened;
    },
    /** Resolves once the client is in its `count`-th backoff wait. */
    inWait: async (count: number) => {
      while (waits.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    open: () => {
      open();
      opened = Promise.resolve();
    },
  };
}

const fromOther = (n: number) =>
  wechatXml({
    ToUserName: 'gh_1234567890ab',
    FromUserName: `other-${n}`,
    CreateTime: 1700000100 + n,
    MsgType: 'text',
    Content: `别的住户 ${n}`,
    MsgId: String(7000000000000000000n + BigInt(n)),
  });

describe('outbound WeChat API faults', () => {
  let t: WechatTestApp;
  let fake: FakeWechat;
  let held: ReturnType<typeof heldSleep>;
  beforeEach(async () => {
    fake = await startFakeWechat({ appId, secret });
    held = heldSleep();
    t = await createWechatTestApp(
      {
        WECHAT_TOKEN: token,
        WECHAT_APP_ID: appId,
        WECHAT_APP_SECRET: secret,
        WECHAT_API_BASE_URL: fake.baseUrl,
      },
      {
        passiveTimeoutMs: 20,
        apiAttempts: 4,
        apiBackoffMs: backoffMs,
        // Generous: only the stalled call waits this long, and nothing asserts on it.
        apiTimeoutMs: 2_000,
        apiSleep: held.sleep,
      },
    );
  });
  afterEach(async () => {
    held.open();
    await t.close();
    await fake.close();
  });

  /** A message whose reply misses the passive window and goes out through the API. */
  async function lateReply(): Promise<string> {
    t.engine.hold();
    const res = await postXml(t.app, signedQuery(token), textMessage('电梯停了三天'));
    const answer = await res.text();
    t.engine.release();
    return answer;
  }

  it('should retry a 500 and a stalled call with doubling waits and then deliver', {
    timeout: 60_000,
  }, async () => {
    fake.force({ httpStatus: 500 }, { stall: true }, { httpStatus: 502 });

    expect(await lateReply()).toBe('success');
    await held.inWait(1);

    // The send is stuck in its first backoff wait: intake must not be.
    expect(fake.sent).toHaveLength(0);
    const retry = await postXml(t.app, signedQuery(token), textMessage('电梯停了三天'));
    const others = await Promise.all(
      [1, 2, 3].map((n) => postXml(t.app, signedQuery(token), fromOther(n))),
    );
    expect(await retry.text()).toBe('success');
    for (const [i, res] of others.entries()) {
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`收到：别的住户 ${i + 1}`);
    }
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(4);

    held.open();
    const sent = await fake.waitForSent(1);
    expect(sent).toEqual([
      { touser: openId, msgtype: 'text', text: { content: '收到：电梯停了三天' } },
    ]);
    expect(held.waits).toEqual([backoffMs, backoffMs * 2, backoffMs * 4]);
    expect(fake.sendAttempts).toBe(4);
    await t.channel.close();
    const late = await t.database.db.prisma.inboxEvent.findFirstOrThrow({
      where: { reply: { contains: 'customer_service' } },
    });
    expect(late.status).toBe('processed');
    expect(t.engine.calls).toHaveLength(4);
  });

  it('should keep the event as a failed dead letter when every attempt fails', {
    timeout: 60_000,
  }, async () => {
    held.open();
    fake.force({ httpStatus: 500 }, { httpStatus: 500 }, { httpStatus: 503 }, { httpStatus: 500 });

    expect(await lateReply()).toBe('success');
    await t.channel.close();

    const [row] = await t.database.db.prisma.inboxEvent.findMany();
    expect(row?.status).toBe('failed');
    expect(row?.error).toBe('late reply not sent: WeChat answered HTTP 500');
    expect(fake.sendAttempts).toBe(4);
    expect(fake.sent).toHaveLength(0);
    expect(held.waits).toEqual([backoffMs, backoffMs * 2, backoffMs * 4]);
  });
});
