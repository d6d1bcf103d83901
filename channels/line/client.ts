/**
 * The LINE Messaging API this channel uses, through the SDK's MessagingApiClient pointed at the
 * configured base URL: reply (once, with the event's reply token), push (retried under one
 * X-Line-Retry-Key, so a retry never sends twice) and the user profile, for the language.
 */
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { ChatReply, ChatSender } from '../../src/chat/types.ts';
import type { Logger } from '../../src/logger.ts';
import { renderLineBatches } from './reply.ts';

/** LINE refused a call, or could not be reached. */
export class LineApiError extends Error {
  readonly status: number | undefined;

  constructor(message: string, evidence: { status?: number; cause?: unknown }) {
    super(message, { cause: evidence.cause });
    this.name = 'LineApiError';
    this.status = evidence.status;
  }
}

export interface LineClientOptions {
  baseUrl: string;
  accessToken: string;
  logger: Logger;
  /** Attempts per push or profile call for network errors, HTTP 5xx and 429. Default 3. */
  attempts?: number;
  /** Wait before attempt n+1 is `backoffMs * 2^(n-1)`. Default 500. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LineClient extends ChatSender {
  channel: 'line';
  /** Answers an event: the first batch with its reply token, the rest (or all, if spent) pushed. */
  answer(userId: string, replyToken: string | undefined, replies: ChatReply[]): Promise<Delivery>;
  /** The language the user's profile reports, cached per user; undefined when LINE says none. */
  language(userId: string): Promise<'zh' | 'en' | undefined>;
}

export type Delivery = 'reply' | 'push' | 'none';

const transient = (status: number | undefined) =>
  status === undefined || status === 429 || status >= 500;

const statusOf = (error: unknown) => (error instanceof HTTPFetchError ? error.status : undefined);

/** Profiles are looked up once per user and process; this bounds the memory that takes. */
const maxCachedProfiles = 1000;

export function createLineClient(options: LineClientOptions): LineClient {
  const api = new messagingApi.MessagingApiClient({
    baseURL: options.baseUrl,
    channelAccessToken: options.accessToken,
  });
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const languages = new Map<string, 'zh' | 'en' | undefined>();

  async function withRetries<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const status = statusOf(error);
        if (!transient(status) || attempt >= attempts) {
          throw new LineApiError(`LINE ${what} failed (${status ?? 'network'})`, {
            status,
            cause: error,
          });
        }
        options.logger.warn({ attempt, status }, `LINE ${what} failed, retrying`);
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  async function push(userId: string, messages: messagingApi.Message[]): Promise<void> {
    const retryKey = crypto.randomUUID();
    try {
      await withRetries('push', () => api.pushMessage({ to: userId, messages }, retryKey));
    } catch (error) {
      // 409: an earlier attempt under this retry key was accepted; the message went out once.
      if (error instanceof LineApiError && error.status === 409) return;
      throw error;
    }
  }

  /**
   * One try: a reply token is single-use, so a failed reply is never repeated with it; the answer
   * is pushed instead. After a 5xx that LINE had in fact delivered, the customer would see it
   * twice, which is rarer and better than not at all.
   */
  async function reply(replyToken: string, messages: messagingApi.Message[]): Promise<boolean> {
    try {
      await api.replyMessage({ replyToken, messages });
      return true;
    } catch (error) {
      const status = statusOf(error);
      // 400 "Invalid reply token": used, expired (about a minute), or from a redelivery.
      if (status === 400 || transient(status)) {
        options.logger.info({ status }, 'LINE reply token refused; pushing instead');
        return false;
      }
      throw new LineApiError(`LINE reply failed (${status})`, { status, cause: error });
    }
  }

  async function send(userId: string, replies: ChatReply[]): Promise<void> {
    for (const batch of renderLineBatches(replies)) await push(userId, batch);
  }

  return {
    channel: 'line',
    send,

    async answer(userId, replyToken, replies) {
      const [first, ...rest] = renderLineBatches(replies);
      if (!first) return 'none';
      const replied = replyToken ? await reply(replyToken, first) : false;
      for (const batch of replied ? rest : [first, ...rest]) await push(userId, batch);
      return replied ? 'reply' : 'push';
    },

    async language(userId) {
      if (languages.has(userId)) return languages.get(userId);
      let language: 'zh' | 'en' | undefined;
      try {
        const profile = await withRetries('profile', () => api.getProfile(userId));
        language = profile.language?.toLowerCase().startsWith('en') ? 'en' : undefined;
        if (profile.language?.toLowerCase().startsWith('zh')) language = 'zh';
      } catch (error) {
        // The profile only picks the language; the conversation goes on in the default.
        options.logger.warn({ err: error }, 'LINE profile lookup failed');
        return undefined;
      }
      if (languages.size >= maxCachedProfiles) languages.clear();
      languages.set(userId, language);
      return language;
    },
  };
}
