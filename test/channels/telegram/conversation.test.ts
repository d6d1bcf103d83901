/**
 * Telegram with the real conversation engine: by webhook, as production wires it (the registry's
 * channels over the engine built from the settings), and by long polling through
 * `taizhang telegram poll`, both against a fake Bot API. Each ends with a stored complaint and its
 * ref sent back in the chat.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { intakeRow, wholeIntake } from '../../chat/support.ts';
import { runCli } from '../../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createWebhookTestApp, type WebhookTestApp } from '../../support/webhooks.ts';
import { botToken, type FakeTelegram, startFakeTelegram } from './fake-telegram.ts';
import { callbackUpdate, chatId, postTelegram, telegramEnv, textUpdate } from './support.ts';

let t: WebhookTestApp | undefined;
let database: TestDatabase | undefined;
let fake: FakeTelegram;
afterEach(async () => {
  await t?.close();
  await database?.drop();
  await fake?.close();
  t = undefined;
  database = undefined;
});

/** Posts one update and returns the texts sent into the chat for it. */
async function send(app: WebhookTestApp['app'], update: unknown): Promise<string> {
  const before = fake.sent.length;
  const res = await postTelegram(app, update);
  expect(res.status).toBe(200);
  return fake.sent
    .slice(before)
    .map((item) => item.text)
    .join('\n');
}

describe('Telegram conversation by webhook', () => {
  it('should take a complaint from the first message to a stored complaint and its ref', async () => {
    fake = await startFakeTelegram();
    t = await createWebhookTestApp({ env: telegramEnv(fake) });
    const { app } = t;

    const replies: string[] = [];
    for (const text of wholeIntake) replies.push(await send(app, textUpdate(text)));

    expect(replies[0]).toMatch(/请选择投诉类别[\s\S]*4\. 物业服务/);
    const menu = fake.sent.find((item) => item.reply_markup)?.reply_markup?.inline_keyboard;
    expect(menu?.flat().map((button) => button.text)).toContain('物业服务');
    const [row] = await t.database.db.prisma.complaint.findMany();
    expect(row).toMatchObject(intakeRow('telegram', String(chatId)));
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
  });

  it('should move on when a category button is pressed, and talk English to an en user', async () => {
    fake = await startFakeTelegram();
    t = await createWebhookTestApp({ env: telegramEnv(fake) });
    const { app } = t;

    const greeting = await send(app, textUpdate('hello', 'en'));
    const menu = fake.sent.at(-1)?.reply_markup?.inline_keyboard.flat() ?? [];
    const asked = await send(app, callbackUpdate(menu[0]?.callback_data ?? '', 'en'));

    expect(greeting).toMatch(/complaint/i);
    expect(asked).toMatch(/describe what happened/i);
    expect(fake.answeredCallbacks).toHaveLength(1);
  });

  it('should read a command addressed to the bot by its username, as menus send them', async () => {
    fake = await startFakeTelegram();
    t = await createWebhookTestApp({
      env: { ...telegramEnv(fake), TELEGRAM_BOT_USERNAME: '@desk_bot' },
    });

    const help = await send(t.app, textUpdate('/help@desk_bot'));
    await send(t.app, textUpdate('你好'));
    const status = await send(t.app, textUpdate('/status@desk_bot'));

    expect(help).toContain('可以随时发送');
    expect(status).toContain('您还没有');
    expect(status).not.toContain('没有识别到您的选择');
  });

  it('should take an update whose language_code is not a string without a 500', async () => {
    fake = await startFakeTelegram();
    t = await createWebhookTestApp({ env: telegramEnv(fake) });
    const update = textUpdate('你好');
    const odd = { ...update, message: { ...update.message, from: { id: 1, language_code: 7 } } };

    const replies = await send(t.app, odd);

    expect(replies).toContain('请选择投诉类别');
  });

  it('should mount the channel with a Telegram sender, and stay off without the secret', async () => {
    fake = await startFakeTelegram();
    t = await createWebhookTestApp({ env: telegramEnv(fake) });
    const on = t.channels.find((channel) => channel.name === 'telegram')?.status;
    await t.close();
    t = await createWebhookTestApp({ env: { TELEGRAM_BOT_TOKEN: botToken } });
    const off = t.channels.find((channel) => channel.name === 'telegram')?.status;

    expect(on?.on && on.sender?.channel).toBe('telegram');
    expect(off).toEqual({
      on: false,
      reason: 'TELEGRAM_WEBHOOK_SECRET is not set (long polling still works)',
    });
    const res = await postTelegram(t.app, textUpdate('hi'));
    expect(res.status).not.toBe(200);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
  });
});

describe('Telegram conversation by long polling (taizhang telegram poll)', () => {
  it('should take a whole complaint through getUpdates and stop when told', async () => {
    fake = await startFakeTelegram();
    database = await createTestDatabase();
    const stop = new AbortController();
    const env = {
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: botToken,
      TELEGRAM_API_ROOT: fake.apiRoot,
    };

    const polling = runCli(['telegram', 'poll'], env, { stop: stop.signal });
    const replies: string[] = [];
    for (const text of wholeIntake) {
      const before = fake.sent.length;
      await fake.waitForConfirmed(fake.queue(textUpdate(text)));
      replies.push(
        fake.sent
          .slice(before)
          .map((item) => item.text)
          .join('\n'),
      );
    }
    stop.abort();
    const run = await polling;

    expect(run.code).toBe(0);
    expect(fake.calls).toContain('deleteWebhook');
    expect(fake.calls).toContain('getUpdates');
    const [row] = await database.db.prisma.complaint.findMany();
    expect(row).toMatchObject(intakeRow('telegram', String(chatId)));
    expect(replies[0]).toMatch(/请选择投诉类别/);
    expect(replies[6]).toContain(`编号 ${row?.ref}`);
  });
});
