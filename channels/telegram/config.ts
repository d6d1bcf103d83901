/**
 * The Telegram bot settings, read once. No bot token switches the channel off. The webhook needs
 * TELEGRAM_WEBHOOK_SECRET (the `secret_token` given to setWebhook): without it the webhook stays
 * off, since anyone could post updates, and long polling (`taizhang telegram poll`) still works.
 */
import { AppError } from '../../src/errors.ts';

export interface TelegramConfig {
  /** The token @BotFather gives: `<bot id>:<secret>`. */
  token: string;
  /** The bot's numeric id, the token's first part: enough to start without calling getMe. */
  botId: number;
  /** The bot's @username without the @; grammY reads it to match `/command@username`. */
  username: string;
  webhookSecret?: string;
  apiRoot: string;
}

export type TelegramConfigResult =
  | { on: true; config: TelegramConfig }
  | { on: false; reason: string };

export const defaultApiRoot = 'https://api.telegram.org';

const setting = (env: Readonly<Record<string, string | undefined>>, name: string) =>
  env[name]?.trim() || undefined;

export function readTelegramConfig(
  env: Readonly<Record<string, string | undefined>>,
): TelegramConfigResult {
  const token = setting(env, 'TELEGRAM_BOT_TOKEN');
  if (!token) return { on: false, reason: 'TELEGRAM_BOT_TOKEN is not set' };
  const parts = /^(\d{1,20}):[A-Za-z0-9_-]{20,}$/.exec(token);
  if (!parts?.[1]) {
    throw new AppError(
      'config_invalid',
      'TELEGRAM_BOT_TOKEN must be the <id>:<secret> BotFather gave',
    );
  }

  // Telegram allows 1 to 256 of these characters in secret_token, and sends it back unchanged.
  const webhookSecret = setting(env, 'TELEGRAM_WEBHOOK_SECRET');
  if (webhookSecret && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    throw new AppError(
      'config_invalid',
      'TELEGRAM_WEBHOOK_SECRET must be 1 to 256 letters, digits, _ or -',
    );
  }

  const apiRoot = setting(env, 'TELEGRAM_API_ROOT') ?? defaultApiRoot;
  if (!URL.canParse(apiRoot))
    throw new AppError('config_invalid', 'TELEGRAM_API_ROOT is not a URL');

  return {
    on: true,
    config: {
      token,
      botId: Number(parts[1]),
      username: setting(env, 'TELEGRAM_BOT_USERNAME')?.replace(/^@/, '') ?? 'taizhang_bot',
      webhookSecret,
      apiRoot: apiRoot.replace(/\/+$/, ''),
    },
  };
}
