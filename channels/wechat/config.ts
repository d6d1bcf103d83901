/**
 * The WeChat Official Account settings, read once. No token switches the channel off; a key or an
 * app id that cannot work stops the start-up with the variable named.
 */
import { AppError } from '../../src/errors.ts';
import { decodeAesKey } from './crypto.ts';

export interface WechatConfig {
  /** The Token entered in the console's server configuration. */
  token: string;
  /** The account's AppID: checked inside every encrypted message, and used for the API. */
  appId?: string;
  /** With appId, enables the customer-service API for answers that miss WeChat's 5 seconds. */
  appSecret?: string;
  /** The decoded EncodingAESKey: set means compatible or safe mode, and plain POSTs are refused. */
  aesKey?: Buffer;
  apiBaseUrl: string;
}

export type WechatConfigResult = { on: true; config: WechatConfig } | { on: false; reason: string };

export const defaultApiBaseUrl = 'https://api.weixin.qq.com';

const setting = (env: Readonly<Record<string, string | undefined>>, name: string) =>
  env[name]?.trim() || undefined;

export function readWechatConfig(
  env: Readonly<Record<string, string | undefined>>,
): WechatConfigResult {
  const token = setting(env, 'WECHAT_TOKEN');
  if (!token) return { on: false, reason: 'WECHAT_TOKEN is not set' };
  if (!/^[A-Za-z0-9]{3,32}$/.test(token)) {
    throw new AppError('config_invalid', 'WECHAT_TOKEN must be 3 to 32 letters or digits');
  }

  const appId = setting(env, 'WECHAT_APP_ID');
  const appSecret = setting(env, 'WECHAT_APP_SECRET');
  const encodingAesKey = setting(env, 'WECHAT_ENCODING_AES_KEY');
  if (encodingAesKey && !appId) {
    throw new AppError(
      'config_invalid',
      'WECHAT_ENCODING_AES_KEY needs WECHAT_APP_ID: every encrypted message names its app id',
    );
  }
  if (appSecret && !appId) {
    throw new AppError('config_invalid', 'WECHAT_APP_SECRET needs WECHAT_APP_ID');
  }

  const apiBaseUrl = setting(env, 'WECHAT_API_BASE_URL') ?? defaultApiBaseUrl;
  if (!URL.canParse(apiBaseUrl)) {
    throw new AppError('config_invalid', 'WECHAT_API_BASE_URL is not a URL');
  }

  return {
    on: true,
    config: {
      token,
      appId,
      appSecret,
      aesKey: encodingAesKey ? decodeAesKey(encodingAesKey) : undefined,
      apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
    },
  };
}
