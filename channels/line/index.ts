/**
 * The LINE Messaging API channel, served at /webhooks/line. `createLineChannel` takes the
 * conversation engine as a dependency; `lineChannel` is the registry's factory, which takes the
 * engine from `ChannelDeps.chat`.
 */
import type { ChatEngine } from '../../src/chat/types.ts';
import { createBackground } from '../../src/intake/background.ts';
import type { ChannelFactory } from '../../src/intake/channel.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { createLineClient, type LineClient } from './client.ts';
import { type LineConfig, readLineConfig } from './config.ts';
import { lineRoutes } from './routes.ts';

export { createLineClient, LineApiError, type LineClient } from './client.ts';
export { type LineConfig, readLineConfig } from './config.ts';

export interface LineChannelOptions {
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  waitUntil?: (work: Promise<unknown>) => void;
  /** Retry attempts and first backoff of the API client (defaults 3 and 500 ms). */
  apiAttempts?: number;
  apiBackoffMs?: number;
}

export type LineChannel =
  | {
      on: true;
      routes: ReturnType<typeof lineRoutes>;
      /** Waits for the turns still running after their 200. */
      close: () => Promise<void>;
      sender: LineClient;
    }
  | { on: false; reason: string };

export function createLineChannel(options: LineChannelOptions): LineChannel {
  const settings = readLineConfig(options.env);
  return settings.on ? channelFromConfig(settings.config, options) : settings;
}

function channelFromConfig(config: LineConfig, options: LineChannelOptions): LineChannel {
  const logger = options.logger.child({ channel: 'line' });
  const client = createLineClient({
    baseUrl: config.apiBaseUrl,
    accessToken: config.accessToken,
    logger,
    attempts: options.apiAttempts,
    backoffMs: options.apiBackoffMs,
  });

  const background = createBackground(options.waitUntil);

  return {
    on: true,
    sender: client,
    routes: lineRoutes({
      config,
      engine: options.engine,
      ledger: options.ledger,
      logger,
      client,
      background: background.run,
    }),
    close: background.settle,
  };
}

export const lineChannel: ChannelFactory = {
  name: 'line',
  create(deps) {
    const settings = readLineConfig(deps.env);
    if (!settings.on) return settings;
    if (!deps.chat) return { on: false, reason: 'no conversation engine is configured' };
    return channelFromConfig(settings.config, { ...deps, engine: deps.chat });
  },
};
