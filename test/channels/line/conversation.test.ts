/**
 * LINE with the real conversation engine, as production wires it: the registry's channels over the
 * engine built from the settings and a fake LINE API. A customer's whole conversation ends with a
 * stored complaint and its ref in a LINE reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { intakeRow, wholeIntake } from '../../chat/support.ts';
import { createWebhookTestApp, type WebhookTestApp } from '../../support/webhooks.ts';
import { type FakeLine, startFakeLine } from './fake-line.ts';
import {
  accessToken,
  lineEnv,
  lineEvent,
  postLine,
  textEvent,
  userId,
  webhookBody,
} from './support.ts';

let t: WebhookTestApp;
let fake: FakeLine;
afterEach(async () => {
  await t?.close();
  await fake?.close();
});

const line = () => t.channels.find((channel) => channel.name === 'line')?.status;

/** Sends one event and returns the texts LINE was asked to send for it. */
async function send(event: ReturnType<typeof lineEvent>): Promise<string> {
  const before = fake.sent.length;
  const res = await postLine(t.app, webhookBody(event));
  expect(res.status).toBe(200);
  await fake.waitForSent(before + 1);
  return fake.sent
    .slice(before)
    .flatMap((item) => item.messages.map((message) => message.text))
    .join('\n');
}

const complaints = () => t.database.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });

describe('LINE conversation', () => {
  it('should take a complaint from the first message to a stored complaint and its ref', async () => {
    fake = await startFakeLine({ accessToken });
    t = await createWebhookTestApp({ env: lineEnv(fake) });

    const replies: string[] = [];
    for (const text of wholeIntake) replies.push(await send(textEvent(text)));

    expect(replies[0]).toMatch(/请选择投诉类别[\s\S]*4\. 物业服务/);
    expect(fake.sent[0]?.messages.at(-1)?.quickReply?.items.length).toBeGreaterThan(3);
    const [row] = await complaints();
    expect(row).toMatchObject(intakeRow('line', userId));
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
    expect(fake.sent.every((item) => item.via === 'reply')).toBe(true);
  });

  it('should answer quick-reply postbacks as the choices they carry', async () => {
    fake = await startFakeLine({ accessToken });
    t = await createWebhookTestApp({ env: lineEnv(fake) });

    const greeting = await send(lineEvent('follow'));
    const menu = fake.sent[0]?.messages.at(-1)?.quickReply?.items ?? [];
    const property = menu.find((item) => item.action.label === '物业服务')?.action.data ?? '';
    const asked = await send(lineEvent('postback', { postback: { data: property } }));

    expect(greeting).toContain('请选择投诉类别');
    expect(asked).toContain('请描述发生了什么');
  });

  it('should answer a sticker politely with text only and lose nothing', async () => {
    fake = await startFakeLine({ accessToken });
    t = await createWebhookTestApp({ env: lineEnv(fake) });
    await send(textEvent('你好'));

    const answer = await send(
      lineEvent('message', {
        message: { id: '77', type: 'sticker', packageId: '446', stickerId: '1988' },
      }),
    );

    expect(answer).toMatch(/文字/);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(2);
  });

  it('should talk English to a customer whose LINE profile is in English', async () => {
    fake = await startFakeLine({ accessToken });
    fake.languages.set(userId, 'en');
    t = await createWebhookTestApp({ env: lineEnv(fake) });

    const greeting = await send(textEvent('hello'));

    expect(greeting).toMatch(/complaint/i);
    expect(greeting).not.toMatch(/请选择/);
  });

  it('should register once when the last answer is redelivered, and reply once', async () => {
    fake = await startFakeLine({ accessToken });
    t = await createWebhookTestApp({ env: lineEnv(fake) });
    for (const text of wholeIntake.slice(0, -1)) await send(textEvent(text));
    const confirm = textEvent('1');
    const done = await send(confirm);
    const sent = fake.sent.length;

    const res = await postLine(
      t.app,
      webhookBody({ ...confirm, deliveryContext: { isRedelivery: true } }),
    );
    const status = line();
    if (status?.on) await status.close?.();

    expect(res.status).toBe(200);
    expect(done).toContain('编号');
    expect(await complaints()).toHaveLength(1);
    expect(fake.sent).toHaveLength(sent);
  });

  it('should mount the channel with a LINE sender for follow-ups', async () => {
    fake = await startFakeLine({ accessToken });
    t = await createWebhookTestApp({ env: lineEnv(fake) });
    const status = line();
    if (!status?.on || !status.sender) throw new Error('LINE channel off');

    await status.sender.send(userId, [
      { text: '您的投诉已处理', choices: [{ label: '满意', value: '5' }] },
    ]);

    expect(status.sender.channel).toBe('line');
    expect(fake.sent).toMatchObject([{ via: 'push', to: userId }]);
    expect(fake.sent[0]?.messages[0]?.text).toBe('您的投诉已处理\n1. 满意');
  });
});
