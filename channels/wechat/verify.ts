/**
 * WeChat's request signatures: SHA-1 over the lexicographically sorted parts, joined without a
 * separator. Plain mode signs token, timestamp and nonce (`signature`); safe and compatible mode
 * add the encrypted payload (`msg_signature`). Pure functions, compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The hex SHA-1 WeChat computes over `parts` after sorting them. */
export function wechatSignature(parts: readonly string[]): string {
  const joined = [...parts].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

/**
 * True when `given` is the signature of `parts`. Lengths are compared first; the bytes are then
 * compared in constant time, so a near miss takes as long as a wild guess.
 */
export function verifySignature(given: string | undefined, parts: readonly string[]): boolean {
  if (!given) return false;
  const expected = Buffer.from(wechatSignature(parts), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  if (actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}

/** `signature` on the GET handshake and on every plain-mode POST. */
export function verifyPlainSignature(
  token: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
): boolean {
  return verifySignature(query.signature, [token, query.timestamp ?? '', query.nonce ?? '']);
}

/** `msg_signature` in safe and compatible mode: also covers the encrypted payload. */
export function verifyMessageSignature(
  token: string,
  query: { msg_signature?: string; timestamp?: string; nonce?: string },
  encrypted: string,
): boolean {
  return verifySignature(query.msg_signature, [
    token,
    query.timestamp ?? '',
    query.nonce ?? '',
    encrypted,
  ]);
}
