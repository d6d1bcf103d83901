/**
 * /webhooks/telegram and the turn both delivery modes share. The webhook checks the secret-token
 * header, parses the update and hands it to grammY (`handleUpdate`); long polling (`bot.start()`)
 * feeds grammY the same way. Either way `turnMiddleware` commits the update to the inbox under its
 * update_id, so a redelivery is dropped, runs the turn and answers in the chat, choices as inline
 * buttons. Telegram waits for the webhook's answer and retries on failure, so the turn runs before
 * the 200; a failed turn is kept as a dead letter and still answered 200.
 */
import { type Api, type Bot, BotError, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import type { ChatEngine, ChatReply } from '../../src/chat/types.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { acceptEvent, markFailed, markProcessed } from '../../src/intake/inbox.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { normalizeTelegram } from './normalize.ts';
import { parseTelegramBody } from './parse.ts';
import { renderTelegramMessage } from './reply.ts';
import { requireSecretToken } from './verify.ts';

export interface TurnOptions {
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
}

/** The grammY middleware that runs one update's turn; it never throws for a failed turn. */
export function turnMiddleware(options: TurnOptions) {
  return async (ctx: Context) => {
    await runUpdate(options, ctx.update, ctx.api, ctx.me.username);
  };
}

async function runUpdate(
  options: TurnOptions,
  update: Update,
  api: Api,
  botUsername: string,
): Promise<void> {
  const { ledger, engine, logger } = options;
  const normalized = normalizeTelegram(update, botUsername);
  const { event, duplicate } = await acceptEvent(ledger, {
    channel: 'telegram',
    deliveryKey: normalized.deliveryKey,
    body: JSON.stringify(update),
  });
  if (duplicate) {
    logger.info({ inboxId: event.id, status: event.status }, 'Telegram update seen before');
    return;
  }
  if (normalized.callbackQueryId) {
    // Stops the button's spinner; the answer itself comes as a message.
    await api
      .answerCallbackQuery(normalized.callbackQueryId)
      .catch((error: unknown) => logger.warn({ err: error }, 'answerCallbackQuery failed'));
  }
  const { message, chatId } = normalized;
  if (!message || chatId === undefined) {
    await markProcessed(ledger, { id: event.id });
    return;
  }

  let stage = 'engine failed';
  try {
    const replies: ChatReply[] = await engine.handle(message);
    stage = 'reply failed';
    for (const reply of replies) {
      const { text, ...extra } = renderTelegramMessage(reply);
      await api.sendMessage(chatId, text, extra);
    }
    await markProcessed(ledger, { id: event.id, reply: { replies } });
  } catch (error) {
    logger.error({ err: error, inboxId: event.id }, `Telegram turn: ${stage}`);
    const code = (error as { error_code?: number }).error_code;
    await markFailed(ledger, {
      id: event.id,
      error: code === undefined ? stage : `${stage} (${code})`,
    }).catch((failure: unknown) => logger.error({ err: failure }, 'could not mark inbox event'));
  }
}

export function telegramRoutes(options: { bot: Bot; webhookSecret: string }) {
  const routes = new Hono<AppEnv>();

  routes.post('/', async (c) => {
    requireSecretToken(options.webhookSecret, c.req.header('x-telegram-bot-api-secret-token'));
    const update = parseTelegramBody(await c.req.text());
    try {
      await options.bot.handleUpdate(update);
    } catch (error) {
      // grammY wraps what the middleware threw; the app's error table wants the original.
      throw error instanceof BotError ? error.error : error;
    }
    return c.json({});
  });

  return routes;
}
