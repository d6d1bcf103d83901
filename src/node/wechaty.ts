/**
 * `npm run wechaty`: migrates the database and runs the personal WeChat bot against the same
 * ledger and conversation engine as the server. It serves no HTTP: the puppet connects out.
 */
import type { Wechaty } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import { createWechatyChannel, type WechatyClient } from '../../channels/wechaty/index.ts';
import { chatEngineFromEnv } from '../chat/config.ts';
import type { FollowUpPort } from '../chat/types.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { openRuntime, type Runtime } from './runtime.ts';

export interface RunningWechaty {
  runtime: Runtime;
  bot: Wechaty;
  sender: WechatyClient;
  close(): Promise<void>;
}

export interface StartWechatyOptions {
  env?: Record<string, string | undefined>;
  /** A puppet instance instead of the package WECHATY_PUPPET names. */
  puppet?: PUPPET.impls.PuppetInterface;
  logger?: Logger;
  /** The follow-up visit the engine answers through. */
  followUps?: FollowUpPort;
}

export async function startWechaty(options: StartWechatyOptions = {}): Promise<RunningWechaty> {
  const runtime = await openRuntime(options);
  const { settings, logger } = runtime;
  try {
    const channel = createWechatyChannel({
      ledger: runtime.ledger,
      logger,
      env: settings.env,
      engine: chatEngineFromEnv({
        ledger: runtime.ledger,
        logger,
        env: settings.env,
        followUps: options.followUps,
      }),
      puppet: options.puppet,
    });
    if (!channel.on) throw new AppError('config_invalid', `the bot is off: ${channel.reason}`);
    await channel.start();
    return {
      runtime,
      bot: channel.bot,
      sender: channel.sender,
      async close() {
        await channel.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
