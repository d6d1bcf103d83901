import { describe, expect, it } from 'vitest';
import { readWechatConfig, wechatChannel } from '../../../channels/wechat/index.ts';
import { AppError } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createTestDatabase } from '../../support/database.ts';
import { ScriptedEngine } from './support.ts';
import { sampleAesKey } from './vectors.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('WeChat settings', () => {
  it('should switch the channel off without a token and say why', () => {
    expect(readWechatConfig({})).toEqual({ on: false, reason: 'WECHAT_TOKEN is not set' });
  });

  it('should default the API base URL and decode the EncodingAESKey', () => {
    const settings = readWechatConfig({
      WECHAT_TOKEN: 'token1',
      WECHAT_APP_ID: 'wx2c2769f8efd9abc2',
      WECHAT_ENCODING_AES_KEY: sampleAesKey,
    });
    expect(settings.on && settings.config.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(settings.on && settings.config.aesKey?.length).toBe(32);
  });

  it.each([
    [
      'a key of the wrong length',
      { WECHAT_TOKEN: 'token1', WECHAT_APP_ID: 'wx1', WECHAT_ENCODING_AES_KEY: 'abc' },
    ],
    ['a key without an app id', { WECHAT_TOKEN: 'token1', WECHAT_ENCODING_AES_KEY: sampleAesKey }],
    ['a secret without an app id', { WECHAT_TOKEN: 'token1', WECHAT_APP_SECRET: 'x' }],
    ['a token with symbols', { WECHAT_TOKEN: 'to ken!' }],
    ['a base URL that is not one', { WECHAT_TOKEN: 'token1', WECHAT_API_BASE_URL: 'not a url' }],
  ])('should refuse %s at start-up', (_name, env) => {
    expect(codeOf(() => readWechatConfig(env))).toBe('config_invalid');
  });
});

describe('WeChat channel factory', () => {
  it('should stay off without a conversation engine and serve with one', async () => {
    const database = await createTestDatabase();
    try {
      const deps = {
        ledger: database.ledger,
        logger: silentLogger(),
        env: { WECHAT_TOKEN: 'token1' },
      };
      expect(wechatChannel.name).toBe('wechat');
      expect(wechatChannel.create({ ...deps, env: {} })).toEqual({
        on: false,
        reason: 'WECHAT_TOKEN is not set',
      });
      expect(wechatChannel.create(deps)).toEqual({
        on: false,
        reason: 'no conversation engine is configured',
      });
      expect(wechatChannel.create({ ...deps, chat: new ScriptedEngine() }).on).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
