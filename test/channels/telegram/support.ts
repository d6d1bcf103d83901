/**
 * Test helpers for the Telegram channel: updates as the Bot API writes them, webhook posts with
 * the secret-token header, and an app with the channel mounted over a fresh database and a fake
 * Bot API.
 */
import { createTelegramChannel, type TelegramChannel } from '../../../channels/telegram/index.ts';
import { type ChannelTestApp, createChannelTestApp } from '../channel-app.ts';
import { botToken, type FakeTelegram, startFakeTelegram } from './fake-telegram.ts';

export const webhookSecret = 'tz-webhook-secret_2026';
export const chatId = 424242421;

export const telegramEnv = (fake: FakeTelegram) => ({
  TELEGRAM_BOT_TOKEN: botToken,
  TELEGRAM_WEBHOOK_SECRET: webhookSecret,
  TELEGRAM_API_ROOT: fake.apiRoot,
});

let updates = 900_000_000 + (process.pid % 1000) * 10_000;

const from = (languageCode: string) => ({
  id: chatId,
  is_bot: false,
  first_name: 'Li',
  language_code: languageCode,
});
const privateChat = { id: chatId, type: 'private', first_name: 'Li' };

/** A message in the private chat; `fields` replaces or adds (photo, sticker, location ...). */
export function messageUpdate(fields: Record<string, unknown>, languageCode = 'zh-hans') {
  const update_id = ++updates;
  return {
    update_id,
    message: {
      message_id: update_id % 100_000,
      from: from(languageCode),
      chat: privateChat,
      date: 1_790_000_000,
      ...fields,
    },
  };
}

export const textUpdate = (text: string, languageCode?: string) =>
  messageUpdate({ text }, languageCode);

/** A press on an inline button carrying `data`. */
export function callbackUpdate(data: string, languageCode = 'zh-hans') {
  const update_id = ++updates;
  return {
    update_id,
    callback_query: {
      id: `cb${update_id}`,
      from: from(languageCode),
      chat_instance: '-4242',
      data,
      message: {
        message_id: 7,
        from: { id: 7012345678, is_bot: true, first_name: 'Taizhang' },
        chat: privateChat,
        date: 1_790_000_000,
        text: '请选择投诉类别：',
      },
    },
  };
}

/** Posts an update with the secret-token header (or the given one; null sends none). */
export function postTelegram(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  body: unknown,
  secret: string | null = webhookSecret,
) {
  return app.request('/webhooks/telegram', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export type TelegramTestApp = ChannelTestApp<Extract<TelegramChannel, { on: true }>, FakeTelegram>;

export async function createTelegramTestApp(): Promise<TelegramTestApp> {
  const fake = await startFakeTelegram();
  return createChannelTestApp('telegram', fake, (deps) =>
    createTelegramChannel({ ...deps, env: telegramEnv(fake), apiBackoffMs: 1 }),
  );
}
