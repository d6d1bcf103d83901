import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import {
  decodeSecret,
  parseSecrets,
  signPayload,
  verifyWebhook,
} from '../../src/intake/standard-webhooks.ts';

// The example published with the Standard Webhooks reference libraries.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const at = new Date(vector.timestamp * 1000);
const body = Buffer.from(vector.body);
const headers = {
  id: vector.id,
  timestamp: String(vector.timestamp),
  signature: vector.signature,
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('signPayload', () => {
  it('should produce the published signature for the published example', () => {
    expect(signPayload(vector)).toBe(vector.signature);
    expect(signPayload({ ...vector, secret: vector.secret.slice(6) })).toBe(vector.signature);
  });
});

describe('verifyWebhook', () => {
  const secrets = parseSecrets(vector.secret);

  it('should accept the published example at its own time and up to five minutes off', () => {
    for (const drift of [0, 299, -299, 300]) {
      const now = new Date(at.getTime() + drift * 1000);
      expect(verifyWebhook({ secrets, headers, body, now })).toEqual({
        id: vector.id,
        timestamp: vector.timestamp,
      });
    }
  });

  it('should accept when any listed signature matches any listed secret', () => {
    const rotated = parseSecrets(`whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD, ${vector.secret}`);
    const signature = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,xyz ${vector.signature}`;
    expect(
      verifyWebhook({ secrets: rotated, headers: { ...headers, signature }, body, now: at }).id,
    ).toBe(vector.id);
  });

  it.each([
    ['no id', { ...headers, id: undefined }, body, 'signature_missing'],
    ['no timestamp', { ...headers, timestamp: undefined }, body, 'signature_missing'],
    ['no signature', { ...headers, signature: undefined }, body, 'signature_missing'],
    [
      'a timestamp that is not a number',
      { ...headers, timestamp: 'hello' },
      body,
      'timestamp_stale',
    ],
    ['a timestamp 301 s old', { ...headers, timestamp: '1614265029' }, body, 'timestamp_stale'],
    ['a timestamp 301 s ahead', { ...headers, timestamp: '1614265631' }, body, 'timestamp_stale'],
    ['a tampered body', headers, Buffer.from('{"test": 2432232315}'), 'signature_invalid'],
    ['a different id', { ...headers, id: 'msg_other' }, body, 'signature_invalid'],
    ['a truncated signature', { ...headers, signature: 'v1,g0hM9SsE' }, body, 'signature_invalid'],
    ['an empty signature', { ...headers, signature: 'v1,' }, body, 'signature_invalid'],
    [
      'the right bytes under another version',
      { ...headers, signature: vector.signature.replace('v1,', 'v2,') },
      body,
      'signature_invalid',
    ],
    [
      'a body re-serialized (verification is over raw bytes)',
      headers,
      Buffer.from(JSON.stringify(JSON.parse(vector.body))),
      'signature_invalid',
    ],
  ])('should refuse %s', (_name, given, givenBody, code) => {
    expect(codeOf(() => verifyWebhook({ secrets, headers: given, body: givenBody, now: at }))).toBe(
      code,
    );
  });

  it('should refuse a signature made with a secret that is not listed', () => {
    const other = parseSecrets('whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD');
    expect(codeOf(() => verifyWebhook({ secrets: other, headers, body, now: at }))).toBe(
      'signature_invalid',
    );
  });
});

describe('parseSecrets', () => {
  it('should read a comma-separated list and refuse a secret that is not base64', () => {
    expect(parseSecrets(' whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw ,,')).toHaveLength(1);
    expect(parseSecrets(undefined)).toEqual([]);
    expect(codeOf(() => decodeSecret('whsec_not base64!'))).toBe('config_invalid');
    expect(codeOf(() => decodeSecret('whsec_c2hvcnQ='))).toBe('config_invalid');
  });
});
