/**
 * The Telegram Bot API this channel uses, through grammY: a `Bot` pointed at the configured API
 * root, told who it is from the settings (no getMe at start-up), with every call but getUpdates
 * retried on network errors, HTTP 5xx and 429 (waiting the retry_after Telegram asks for).
 */
import { Bot, HttpError, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { ChatReply, ChatSender } from '../../src/chat/types.ts';
import type { Logger } from '../../src/logger.ts';
import type { TelegramConfig } from './config.ts';
import { renderTelegramMessage } from './reply.ts';

export interface TelegramClientOptions {
  config: TelegramConfig;
  logger: Logger;
  /** Attempts per call. Default 3. */
  attempts?: number;
  /** Wait before attempt n+1 is `backoffMs * 2^(n-1)`, or Telegram's retry_after. Default 500. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface TelegramSender extends ChatSender {
  channel: 'telegram';
}

/** What getMe would say, from the token and the settings; only id and username matter to grammY. */
export function botInfoFrom(config: TelegramConfig): UserFromGetMe {
  return {
    id: config.botId,
    is_bot: true,
    first_name: config.username,
    username: config.username,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/** Caps Telegram's retry_after: a longer flood wait is better failed and replayed. */
const maxRetryAfterMs = 30_000;

function retrying(options: TelegramClientOptions): Transformer {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  return async (prev, method, payload, signal) => {
    // Long polling has its own loop; a retried getUpdates would only delay a stop.
    if (method === 'getUpdates') return prev(method, payload, signal);
    for (let attempt = 1; ; attempt++) {
      let wait = backoffMs * 2 ** (attempt - 1);
      try {
        const answer = await prev(method, payload, signal);
        if (answer.ok || attempt >= attempts) return answer;
        const retryable = answer.error_code === 429 || answer.error_code >= 500;
        if (!retryable) return answer;
        const after = answer.parameters?.retry_after;
        if (after !== undefined) wait = after * 1000;
        if (wait > maxRetryAfterMs) return answer;
        options.logger.warn(
          { method, attempt, code: answer.error_code },
          'Telegram refused, retrying',
        );
      } catch (error) {
        if (!(error instanceof HttpError) || attempt >= attempts) throw error;
        options.logger.warn({ method, attempt }, 'Telegram could not be reached, retrying');
      }
      await sleep(wait);
    }
  };
}

export function createTelegramBot(options: TelegramClientOptions): Bot {
  const { config } = options;
  const bot = new Bot(config.token, {
    botInfo: botInfoFrom(config),
    client: { apiRoot: config.apiRoot },
  });
  bot.api.config.use(retrying(options));
  return bot;
}

/** Messages outside a reply (follow-ups, staff replies), sent to the customer's private chat. */
export function telegramSender(bot: Bot): TelegramSender {
  return {
    channel: 'telegram',
    async send(userId: string, replies: ChatReply[]) {
      for (const reply of replies) {
        const { text, ...extra } = renderTelegramMessage(reply);
        await bot.api.sendMessage(Number(userId), text, extra);
      }
    },
  };
}
