/**
 * The personal WeChat bot's settings, read once. No `WECHATY_PUPPET` switches the bot off: left
 * unset, Wechaty would pick a puppet of its own, which logs in to WeChat over the network. A value
 * that cannot work stops the start-up with the variable named.
 */
import { resolve } from 'node:path';
import { AppError } from '../../src/errors.ts';

export interface WechatyConfig {
  /** The puppet package, e.g. wechaty-puppet-padlocal; wechaty-puppet-mock for tests. */
  puppet: string;
  /** The puppet's service token, for puppets that need one (padlocal, puppet-service). */
  puppetToken?: string;
  /** Group chats are served only when switched on, and then only messages that @mention the bot. */
  rooms: boolean;
  /** Where images and voice sent during an intake are kept: the puppets' files do not last. */
  mediaDir: string;
}

export type WechatyConfigResult =
  | { on: true; config: WechatyConfig }
  | { on: false; reason: string };

export const defaultMediaDir = 'data/wechaty-media';

const setting = (env: Readonly<Record<string, string | undefined>>, name: string) =>
  env[name]?.trim() || undefined;

const onSwitches = new Set(['on', 'true', '1', 'yes']);
const offSwitches = new Set(['off', 'false', '0', 'no']);

function readSwitch(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const raw = setting(env, name)?.toLowerCase();
  if (raw === undefined || offSwitches.has(raw)) return false;
  if (onSwitches.has(raw)) return true;
  throw new AppError('config_invalid', `${name} must be on or off`);
}

export function readWechatyConfig(
  env: Readonly<Record<string, string | undefined>>,
): WechatyConfigResult {
  const puppet = setting(env, 'WECHATY_PUPPET');
  if (!puppet) return { on: false, reason: 'WECHATY_PUPPET is not set' };
  // A package name, scoped or not: what Wechaty will import.
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(puppet)) {
    throw new AppError('config_invalid', 'WECHATY_PUPPET must be a puppet package name');
  }
  return {
    on: true,
    config: {
      puppet,
      puppetToken: setting(env, 'WECHATY_PUPPET_TOKEN'),
      rooms: readSwitch(env, 'WECHATY_ROOMS'),
      mediaDir: resolve(setting(env, 'WECHATY_MEDIA_DIR') ?? defaultMediaDir),
    },
  };
}
