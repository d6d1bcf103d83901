/**
 * The Telegram bot channel, served at /webhooks/telegram, and long polling for local development
 * (`taizhang telegram poll`). `createTelegramChannel` takes the conversation engine as a
 * dependency; `telegramChannel` is the registry's factory, which takes it from `ChannelDeps.chat`.
 */
import type { Bot } from 'grammy';
import type { ChatEngine } from '../../src/chat/types.ts';
import type { ChannelFactory } from '../../src/intake/channel.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { createTelegramBot, type TelegramSender, telegramSender } from './client.ts';
import { readTelegramConfig, type TelegramConfig } from './config.ts';
import { telegramRoutes, turnMiddleware } from './routes.ts';

export { createTelegramBot, type TelegramSender } from './client.ts';
export { readTelegramConfig, type TelegramConfig } from './config.ts';

export interface TelegramChannelOptions {
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** Retry attempts and first backoff of the API client (defaults 3 and 500 ms). */
  apiAttempts?: number;
  apiBackoffMs?: number;
}

export type TelegramChannel =
  | { on: true; routes: ReturnType<typeof telegramRoutes>; sender: TelegramSender; bot: Bot }
  | { on: false; reason: string };

/** A bot that answers every update with a turn of the engine: for the webhook and for polling. */
export function createTurnBot(
  config: TelegramConfig,
  options: Omit<TelegramChannelOptions, 'env'>,
) {
  const logger = options.logger.child({ channel: 'telegram' });
  const bot = createTelegramBot({
    config,
    logger,
    attempts: options.apiAttempts,
    backoffMs: options.apiBackoffMs,
  });
  bot.use(turnMiddleware({ engine: options.engine, ledger: options.ledger, logger }));
  // Polling hands errors here instead of stopping; the webhook rethrows them to the app.
  bot.catch((error) => logger.error({ err: error.error }, 'Telegram update failed'));
  return bot;
}

export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const settings = readTelegramConfig(options.env);
  if (!settings.on) return settings;
  const { webhookSecret } = settings.config;
  if (!webhookSecret) {
    return { on: false, reason: 'TELEGRAM_WEBHOOK_SECRET is not set (long polling still works)' };
  }
  const bot = createTurnBot(settings.config, options);
  return {
    on: true,
    bot,
    sender: telegramSender(bot),
    routes: telegramRoutes({ bot, webhookSecret }),
  };
}

export const telegramChannel: ChannelFactory = {
  name: 'telegram',
  create(deps) {
    const settings = readTelegramConfig(deps.env);
    if (!settings.on) return settings;
    if (!deps.chat) return { on: false, reason: 'no conversation engine is configured' };
    return createTelegramChannel({ ...deps, engine: deps.chat });
  },
};

/**
 * Long polling for local development, where Telegram cannot reach a webhook: grammY's
 * `bot.start()` (which first removes any webhook, as getUpdates and a webhook exclude each other)
 * feeding the same turn as the webhook. Resolves once `signal` aborts and polling has stopped.
 */
export async function pollTelegram(
  options: Omit<TelegramChannelOptions, 'env'> & {
    config: TelegramConfig;
    signal: AbortSignal;
    onStart?: () => void;
  },
): Promise<void> {
  const bot = createTurnBot(options.config, options);
  let stopped: Promise<void> | undefined;
  // stop() ends the loop, then confirms the updates handled so far with one last getUpdates.
  const stop = () => {
    stopped = bot.stop().catch((error: unknown) => {
      options.logger.warn({ err: error }, 'Telegram polling did not stop cleanly');
    });
  };
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal.aborted) return;
    await bot.start({ onStart: () => options.onStart?.() });
    await stopped;
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}
