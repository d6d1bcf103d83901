/**
 * Personal WeChat through a Wechaty bot, run by `npm run wechaty` (a long-lived process, so Node
 * only). The puppet named by WECHATY_PUPPET logs the account in; the bot then feeds the
 * conversation engine like every chat channel. Tests hand in a puppet instance (the mock).
 */

import { type Wechaty, WechatyBuilder, log as wechatyLog } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import type { ChatEngine } from '../../src/chat/types.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { handleWechatyMessages } from './bot.ts';
import { createWechatyClient, type WechatyClient } from './client.ts';
import { readWechatyConfig, type WechatyConfig } from './config.ts';

export { createWechatyClient, type WechatyClient } from './client.ts';
export { readWechatyConfig, type WechatyConfig } from './config.ts';

export interface WechatyChannelOptions {
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** A puppet instance instead of the package WECHATY_PUPPET names (tests: the mock's). */
  puppet?: PUPPET.impls.PuppetInterface;
  /** Send attempts and first backoff of the client (defaults 3 and 500 ms). */
  sendAttempts?: number;
  sendBackoffMs?: number;
}

export type WechatyChannel =
  | {
      on: true;
      config: WechatyConfig;
      bot: Wechaty;
      /** Messages to a customer outside a reply: follow-ups, staff replies. */
      sender: WechatyClient;
      /** Starts the puppet; the account logs in afterwards (a QR code to scan, for most). */
      start(): Promise<void>;
      /** Finishes the messages being handled, then logs the puppet out of its session. */
      close(): Promise<void>;
    }
  | { on: false; reason: string };

export function createWechatyChannel(options: WechatyChannelOptions): WechatyChannel {
  const settings = readWechatyConfig(options.env);
  if (!settings.on) return settings;
  const { config } = settings;
  const logger = options.logger.child({ channel: 'wechaty' });

  // Wechaty logs to the console by itself; its errors reach our logger through the events below.
  wechatyLog.level('silent');
  const bot = options.puppet
    ? WechatyBuilder.build({ puppet: options.puppet })
    : WechatyBuilder.build({
        puppet: config.puppet as PUPPET.PuppetOptions['puppet'] & 'wechaty-puppet-mock',
        ...(config.puppetToken ? { puppetOptions: { token: config.puppetToken } } : {}),
      });
  const client = createWechatyClient({
    bot,
    logger,
    attempts: options.sendAttempts,
    backoffMs: options.sendBackoffMs,
  });
  const messages = handleWechatyMessages({ ...options, bot, config, logger, client });

  bot.on('scan', (qrcode, status) => {
    logger.info({ status, qrcode }, 'Wechaty: scan the QR code with the WeChat account');
  });
  bot.on('login', () => logger.info('Wechaty account logged in; answering messages'));
  bot.on('logout', () => logger.warn('Wechaty account logged out'));
  bot.on('error', (error) => logger.error({ err: error }, 'Wechaty error'));
  bot.on('message', (message) => void messages.onMessage(message));

  return {
    on: true,
    config,
    bot,
    sender: client,
    async start() {
      await bot.start();
      logger.info(
        { puppet: config.puppet, rooms: config.rooms },
        'Wechaty bot ready; waiting for the account to log in',
      );
    },
    async close() {
      await messages.drain();
      await bot.stop();
    },
  };
}
