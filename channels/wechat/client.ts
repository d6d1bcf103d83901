/**
 * The WeChat Official Account API this channel uses: an access token (cached until it expires,
 * fetched again when WeChat says it is stale) and the customer-service message API, which sends
 * the answers that missed the 5-second window and any later message (follow-ups, staff replies).
 */
import type { ChatReply, ChatSender } from '../../src/chat/types.ts';
import type { Logger } from '../../src/logger.ts';
import { renderReply } from './reply.ts';

/** WeChat answered with an errcode, or could not be reached. */
export class WechatApiError extends Error {
  readonly errcode: number | undefined;
  readonly status: number | undefined;

  constructor(message: string, evidence: { errcode?: number; status?: number; cause?: unknown }) {
    super(message, { cause: evidence.cause });
    this.name = 'WechatApiError';
    this.errcode = evidence.errcode;
    this.status = evidence.status;
  }
}

export interface WechatClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  logger: Logger;
  fetch?: typeof fetch;
  /** Attempts per call for network errors, HTTP 5xx and WeChat's "system busy" (-1). */
  attempts?: number;
  /** Wait before attempt n+1 is `backoffMs * 2^(n-1)`. */
  backoffMs?: number;
  /** An attempt that has no answer after this long is abandoned and counts as failed. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WechatClient extends ChatSender {
  channel: 'wechat';
  accessToken(): Promise<string>;
  sendText(openId: string, content: string): Promise<void>;
}

/** Token errors: invalid credential (40001), invalid token (40014), token expired (42001). */
const staleTokenCodes = new Set([40001, 40014, 42001]);
/** WeChat refreshes tokens before `expires_in` runs out; stop using one five minutes early. */
const expiryMarginMs = 5 * 60_000;

interface ApiAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  /** One call with retries for transient failures; WeChat's own refusals come back as answers. */
  async function call(path: string, init?: RequestInit): Promise<ApiAnswer> {
    for (let attempt = 1; ; attempt++) {
      let failure: WechatApiError;
      try {
        // A stalled API would otherwise hold a late reply, and its dead letter, forever.
        const response = await doFetch(`${options.baseUrl}${path}`, {
          ...init,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) {
          const answer = (await response.json()) as ApiAnswer;
          if (answer.errcode !== -1) return answer;
          failure = new WechatApiError('WeChat is busy (-1)', { errcode: -1 });
        } else if (response.status >= 500) {
          failure = new WechatApiError(`WeChat answered HTTP ${response.status}`, {
            status: response.status,
          });
        } else {
          throw new WechatApiError(`WeChat answered HTTP ${response.status}`, {
            status: response.status,
          });
        }
      } catch (error) {
        if (error instanceof WechatApiError) throw error;
        failure = new WechatApiError('WeChat could not be reached', { cause: error });
      }
      if (attempt >= attempts) throw failure;
      options.logger.warn(
        { attempt, errcode: failure.errcode },
        'WeChat API call failed, retrying',
      );
      await sleep(backoffMs * 2 ** (attempt - 1));
    }
  }

  async function fetchToken(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.appSecret,
    });
    const answer = await call(`/cgi-bin/token?${query}`);
    if (!answer.access_token) {
      throw new WechatApiError(`access token refused (${answer.errcode})`, {
        errcode: answer.errcode,
      });
    }
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    cached = { token: answer.access_token, expiresAt: now() + lifetimeMs - expiryMarginMs };
    return answer.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > now()) return cached.token;
    // Concurrent callers share one request: each token request invalidates the previous token.
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function sendText(openId: string, content: string): Promise<void> {
    const body = JSON.stringify({ touser: openId, msgtype: 'text', text: { content } });
    for (let refreshed = false; ; refreshed = true) {
      const token = await accessToken();
      const answer = await call(
        `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
      );
      if (!answer.errcode) return;
      if (staleTokenCodes.has(answer.errcode) && !refreshed) {
        if (cached?.token === token) cached = undefined;
        continue;
      }
      throw new WechatApiError(`customer-service message refused (${answer.errcode})`, {
        errcode: answer.errcode,
      });
    }
  }

  return {
    channel: 'wechat',
    accessToken,
    sendText,
    async send(userId: string, replies: ChatReply[]) {
      for (const reply of replies) await sendText(userId, renderReply(reply));
    },
  };
}
