/**
 * The LINE Messaging API settings, read once. No channel secret switches the channel off; a secret
 * without an access token (or the reverse) stops the start-up: the channel could verify messages
 * but never answer them.
 */
import { AppError } from '../../src/errors.ts';

export interface LineConfig {
  /** The channel secret from the LINE Developers console: the key of `x-line-signature`. */
  channelSecret: string;
  /** A long-lived channel access token, for reply, push and profile calls. */
  accessToken: string;
  apiBaseUrl: string;
}

export type LineConfigResult = { on: true; config: LineConfig } | { on: false; reason: string };

export const defaultApiBaseUrl = 'https://api.line.me';

const setting = (env: Readonly<Record<string, string | undefined>>, name: string) =>
  env[name]?.trim() || undefined;

export function readLineConfig(
  env: Readonly<Record<string, string | undefined>>,
): LineConfigResult {
  const channelSecret = setting(env, 'LINE_CHANNEL_SECRET');
  const accessToken = setting(env, 'LINE_CHANNEL_ACCESS_TOKEN');
  if (!channelSecret && !accessToken)
    return { on: false, reason: 'LINE_CHANNEL_SECRET is not set' };
  if (!channelSecret) {
    throw new AppError('config_invalid', 'LINE_CHANNEL_ACCESS_TOKEN needs LINE_CHANNEL_SECRET');
  }
  if (!accessToken) {
    throw new AppError('config_invalid', 'LINE_CHANNEL_SECRET needs LINE_CHANNEL_ACCESS_TOKEN');
  }
  // The console shows the secret as 32 hex digits; anything else is a paste of the wrong field.
  if (!/^[0-9a-f]{32}$/i.test(channelSecret)) {
    throw new AppError(
      'config_invalid',
      'LINE_CHANNEL_SECRET must be the 32 hex digits LINE shows',
    );
  }

  const apiBaseUrl = setting(env, 'LINE_API_BASE_URL') ?? defaultApiBaseUrl;
  if (!URL.canParse(apiBaseUrl)) {
    throw new AppError('config_invalid', 'LINE_API_BASE_URL is not a URL');
  }
  return {
    on: true,
    config: { channelSecret, accessToken, apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') },
  };
}
