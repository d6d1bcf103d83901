/**
 * The follow-up visit through WeChat, as production wires it: resolving a WeChat complaint over
 * the API sends the 1-5 question through the customer-service API (the fake WeChat server), the
 * customer's "4" comes back through /webhooks/wechat and is stored as the verdict.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/accounts/api-tokens.ts';
import { registerComplaint } from '../../../src/ledger/register-complaint.ts';
import { createWebhookTestApp, type WebhookTestApp } from '../../support/webhooks.ts';
import { type FakeWechat, startFakeWechat } from './fake-wechat.ts';
import { openId, postXml, signedQuery, textMessage } from './support.ts';

const token = 'taizhang2026';
const appId = 'wx0123456789abcdef';
const secret = 'f'.repeat(32);

describe('follow-up through WeChat', () => {
  let t: WebhookTestApp;
  let fake: FakeWechat;
  let apiToken: string;
  beforeEach(async () => {
    fake = await startFakeWechat({ appId, secret });
    t = await createWebhookTestApp({
      env: {
        WECHAT_TOKEN: token,
        WECHAT_APP_ID: appId,
        WECHAT_APP_SECRET: secret,
        WECHAT_API_BASE_URL: fake.baseUrl,
      },
    });
    apiToken = (await createApiToken(t.database.ledger, { name: 'staff', role: 'supervisor' }))
      .token;
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  const post = async (path: string, body: unknown) => {
    const res = await t.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { status: string };
  };

  const register = async (source: 'wechat' | 'hotline') => {
    const { row } = await registerComplaint(t.database.ledger, {
      input: {
        source,
        complainant: source === 'wechat' ? { channelId: openId } : { phone: '13812345678' },
        content: '楼道灯坏了一个月无人修',
        category: '物业服务',
      },
    });
    await post(`/api/complaints/${row.ref}/status`, { to: 'in_progress' });
    return row.ref;
  };

  it('should ask 1 to 5 in the chat and close the complaint on the answer "4"', async () => {
    const ref = await register('wechat');

    const resolved = await post(`/api/complaints/${ref}/resolve`, { resolution: '灯已更换' });
    expect(resolved.status).toBe('resolved');
    const [question] = await fake.waitForSent(1);
    expect(question?.touser).toBe(openId);
    expect(question?.text?.content).toContain(ref);
    // WeChat shows choices as a numbered list; the fourth line is the score 4.
    expect(question?.text?.content).toMatch(/\n4\. 4 满意\n/);
    expect(await t.database.db.prisma.staffTask.count()).toBe(0);

    const res = await postXml(t.app, signedQuery(token), textMessage('4'));
    expect(res.status).toBe(200);

    const row = await t.database.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row).toMatchObject({ status: 'closed', satisfaction: 4 });
    expect(row.followedUpAt).not.toBeNull();
    const answer = await t.database.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'follow-up.answer' },
    });
    expect([answer.actorId, answer.actorVia]).toEqual(['customer:wechat', 'channel']);
  });

  it('should make a callback task for a hotline complaint and send nothing', async () => {
    const ref = await register('hotline');

    await post(`/api/complaints/${ref}/resolve`, { resolution: '灯已更换' });

    const tasks = await t.database.db.prisma.staffTask.findMany();
    expect(tasks.map((task) => task.kind)).toEqual(['callback']);
    expect(fake.sent).toEqual([]);
  });
});
