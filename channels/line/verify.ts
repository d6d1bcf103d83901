/**
 * LINE's request signature: `x-line-signature` is the base64 HMAC-SHA256 of the raw body keyed by
 * the channel secret. The SDK's check compares lengths, then the digests in constant time; it must
 * see the bytes as sent, before any JSON parsing.
 */
import { validateSignature } from '@line/bot-sdk';
import { AppError } from '../../src/errors.ts';

/** Throws `signature_missing` or `signature_invalid`; returns when the body is LINE's. */
export function requireLineSignature(
  channelSecret: string,
  raw: Uint8Array,
  signature: string | undefined,
): void {
  if (!signature) throw new AppError('signature_missing', 'x-line-signature missing');
  if (!validateSignature(Buffer.from(raw), channelSecret, signature)) {
    throw new AppError('signature_invalid', 'x-line-signature does not match');
  }
}
