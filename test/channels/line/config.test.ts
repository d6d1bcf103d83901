import { describe, expect, it } from 'vitest';
import { readLineConfig } from '../../../channels/line/index.ts';
import { requireLineSignature } from '../../../channels/line/verify.ts';
import { AppError } from '../../../src/errors.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

const secret = '8c570fa6dd201bb328f1c1eac23a96d8';

describe('LINE settings', () => {
  it('should switch the channel off without a secret and say why', () => {
    expect(readLineConfig({})).toEqual({ on: false, reason: 'LINE_CHANNEL_SECRET is not set' });
  });

  it('should default the API base URL and drop a trailing slash from a given one', () => {
    const base = { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 't' };
    const defaulted = readLineConfig(base);
    const given = readLineConfig({ ...base, LINE_API_BASE_URL: 'http://127.0.0.1:9/' });

    expect(defaulted.on && defaulted.config.apiBaseUrl).toBe('https://api.line.me');
    expect(given.on && given.config.apiBaseUrl).toBe('http://127.0.0.1:9');
  });

  it.each([
    ['a secret without a token', { LINE_CHANNEL_SECRET: secret }],
    ['a token without a secret', { LINE_CHANNEL_ACCESS_TOKEN: 't' }],
    [
      'a secret that is not 32 hex digits',
      { LINE_CHANNEL_SECRET: 'x', LINE_CHANNEL_ACCESS_TOKEN: 't' },
    ],
    [
      'a base URL that is not a URL',
      { LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: 't', LINE_API_BASE_URL: 'line' },
    ],
  ])('should stop the start-up on %s', (_name, env) => {
    expect(codeOf(() => readLineConfig(env))).toBe('config_invalid');
  });
});

describe('LINE signature', () => {
  // Computed apart from the SDK: printf %s BODY | openssl dgst -sha256 -hmac SECRET -binary | base64
  const body = '{"destination":"U0","events":[]}';
  const signature = '7bzucrfMAvMR2kIyf3o9W4tLB+uY7HzuzEraQd4pkbE=';
  const bytes = (text: string) => new TextEncoder().encode(text);

  it.each([
    ['the known signature', body, signature, 'no error'],
    ['no signature', body, undefined, 'signature_missing'],
    ['one changed byte of body', body.replace('U0', 'U1'), signature, 'signature_invalid'],
    ['a truncated signature', body, signature.slice(0, 20), 'signature_invalid'],
    [
      'the signature of another secret',
      body,
      '3Gc/A/Q/RaUenWOFYfa53YXiRHXEBqQuDHu1nnYGQpU=',
      'signature_invalid',
    ],
  ])('should answer %s', (_name, raw, given, code) => {
    expect(codeOf(() => requireLineSignature(secret, bytes(raw), given))).toBe(code);
  });
});
