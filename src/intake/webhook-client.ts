/**
 * The signing client for the people who write monitoring scripts: posts a JSON payload signed the
 * Standard Webhooks way. A retry keeps the same `webhook-id`, so a delivery that did arrive but
 * whose answer was lost is recognised and never makes a second complaint.
 *
 * @example
 *   const res = await sendSignedWebhook({
 *     url: 'http://127.0.0.1:8787/webhooks/forum',
 *     secret: process.env.FORUM_WEBHOOK_SECRET,
 *     body: { posts: [post] },
 *   });
 *   // res.status === 201, res.body.items[0].ref === 'L012'
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseSecrets, signPayload } from './standard-webhooks.ts';

export interface SendOptions {
  url: string;
  /** `whsec_...`; with a comma-separated list (as in the settings) the first one signs. */
  secret: string;
  /** A string is sent byte for byte; anything else as JSON. */
  body: unknown;
  /** Defaults to a fresh random id; pass the same id to resend the same event. */
  id?: string;
  /** Further attempts after a network error, a 429 or a 5xx. */
  retries?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface SendResult {
  id: string;
  status: number;
  body: unknown;
}

export function newWebhookId(): string {
  return `msg_${randomBytes(12).toString('base64url')}`;
}

export async function sendSignedWebhook(options: SendOptions): Promise<SendResult> {
  const [key] = parseSecrets(options.secret);
  if (!key) throw new Error('sendSignedWebhook: no secret given');
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const id = options.id ?? newWebhookId();
  const send = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const retries = options.retries ?? 2;

  for (let attempt = 0; ; attempt++) {
    const timestamp = Math.floor(now().getTime() / 1000);
    try {
      const response = await send(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signPayload({ secret: key, id, timestamp, body }),
        },
        body,
      });
      const text = await response.text();
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= retries) {
        return { id, status: response.status, body: text ? safeJson(text) : undefined };
      }
    } catch (error) {
      if (attempt >= retries) throw error;
    }
    await sleep(250 * 2 ** attempt);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
