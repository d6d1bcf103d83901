/**
 * Telegram's webhook authentication: the `secret_token` given to setWebhook comes back in every
 * request's X-Telegram-Bot-Api-Secret-Token header. Compared by length, then in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../src/errors.ts';

export function requireSecretToken(expected: string, given: string | undefined): void {
  if (!given) {
    throw new AppError('signature_missing', 'X-Telegram-Bot-Api-Secret-Token missing');
  }
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AppError('signature_invalid', 'X-Telegram-Bot-Api-Secret-Token does not match');
  }
}
