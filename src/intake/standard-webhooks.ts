/**
 * Standard Webhooks (standardwebhooks.com), symmetric flavour: the sender signs
 * `webhook-id.webhook-timestamp.body` with HMAC-SHA256 and sends `v1,<base64>` in
 * `webhook-signature` (several space-separated while a secret rotates). Secrets are `whsec_` +
 * base64 of the key bytes. The check runs over the raw bytes received, before anything parses them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';

/** The spec's tolerance: a timestamp further than this from our clock is refused (replays). */
export const toleranceSeconds = 5 * 60;

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Decodes one `whsec_...` secret (the prefix is optional) into its key bytes. */
export function decodeSecret(secret: string): Buffer {
  const encoded = secret.trim().replace(/^whsec_/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new AppError('config_invalid', 'a webhook secret must be whsec_ followed by base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 16) {
    throw new AppError('config_invalid', 'a webhook secret must hold at least 16 bytes');
  }
  return key;
}

/**
 * Parses a comma-separated setting into keys. Every listed secret is valid at once, so a new one
 * can be added, the sender switched over, and the old one removed, with no refused delivery.
 */
export function parseSecrets(setting: string | undefined): Buffer[] {
  const parts = (setting ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.map(decodeSecret);
}

function hmac(key: Buffer, id: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** Signs a payload: returns the `webhook-signature` value (`v1,<base64>`). */
export function signPayload(options: {
  secret: string | Buffer;
  id: string;
  timestamp: number;
  body: string | Uint8Array;
}): string {
  const key = typeof options.secret === 'string' ? decodeSecret(options.secret) : options.secret;
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  return `v1,${hmac(key, options.id, String(options.timestamp), body).toString('base64')}`;
}

/**
 * Verifies a delivery or throws a 401 AppError whose code names the failed check:
 * `signature_missing` (a header is absent), `timestamp_stale` (unreadable or more than five
 * minutes off), `signature_invalid` (no listed `v1` signature matches any secret).
 */
export function verifyWebhook(options: {
  secrets: readonly Buffer[];
  headers: WebhookHeaders;
  body: Uint8Array;
  now: Date;
}): { id: string; timestamp: number } {
  const { id, timestamp, signature } = options.headers;
  if (!id || !timestamp || !signature) {
    throw new AppError('signature_missing', 'webhook-id, -timestamp and -signature are required');
  }

  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const drift = Math.abs(options.now.getTime() / 1000 - seconds);
  if (!(drift <= toleranceSeconds)) {
    throw new AppError('timestamp_stale', 'webhook-timestamp is missing, unreadable or too old');
  }

  // Compared as base64 text, not decoded bytes: Node's decoder skips stray characters and
  // padding bits, so several spellings decode alike, and a changed signature must not verify.
  const offered = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'latin1'));
  for (const key of options.secrets) {
    const expected = Buffer.from(hmac(key, id, timestamp, options.body).toString('base64'));
    // timingSafeEqual needs equal lengths; the length of a signature is no secret.
    if (offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected))) {
      return { id, timestamp: seconds };
    }
  }
  throw new AppError('signature_invalid', 'webhook-signature matches no configured secret');
}
