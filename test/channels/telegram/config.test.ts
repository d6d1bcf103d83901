import { describe, expect, it } from 'vitest';
import { readTelegramConfig } from '../../../channels/telegram/index.ts';
import { requireSecretToken } from '../../../channels/telegram/verify.ts';
import { AppError } from '../../../src/errors.ts';
import { botToken } from './fake-telegram.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('Telegram settings', () => {
  it('should switch the channel off without a token and say why', () => {
    expect(readTelegramConfig({})).toEqual({ on: false, reason: 'TELEGRAM_BOT_TOKEN is not set' });
  });

  it('should take the bot id from the token and default the API root and username', () => {
    const settings = readTelegramConfig({ TELEGRAM_BOT_TOKEN: botToken });

    expect(settings.on && settings.config).toMatchObject({
      botId: 7012345678,
      username: 'taizhang_bot',
      apiRoot: 'https://api.telegram.org',
      webhookSecret: undefined,
    });
  });

  it.each([
    ['a token without the id', { TELEGRAM_BOT_TOKEN: 'AAH3nTt6Yw8cE0pLrVqZ9sKdXbFmJgUiO2A' }],
    ['a secret with spaces', { TELEGRAM_BOT_TOKEN: botToken, TELEGRAM_WEBHOOK_SECRET: 'a b' }],
    ['an API root that is not a URL', { TELEGRAM_BOT_TOKEN: botToken, TELEGRAM_API_ROOT: 'tg' }],
  ])('should stop the start-up on %s', (_name, env) => {
    expect(codeOf(() => readTelegramConfig(env))).toBe('config_invalid');
  });
});

describe('Telegram secret token', () => {
  it.each([
    ['the same token', 'tz-secret_1', 'no error'],
    ['no token', undefined, 'signature_missing'],
    ['another token of the same length', 'tz-secret_2', 'signature_invalid'],
    ['a prefix of the token', 'tz-secret', 'signature_invalid'],
  ])('should answer %s with %s', (_name, given, code) => {
    expect(codeOf(() => requireSecretToken('tz-secret_1', given))).toBe(code);
  });
});
