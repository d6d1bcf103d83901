/**
 * The WeChat Official Account channel, served at /webhooks/wechat. `createWechatChannel` takes the
 * conversation engine as a dependency; `wechatChannel` is the registry's factory, which takes the
 * engine from `ChannelDeps.chat`.
 */
import type { ChatEngine } from '../../src/chat/types.ts';
import type { ChannelFactory } from '../../src/intake/channel.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { createWechatClient, type WechatClient } from './client.ts';
import { readWechatConfig, type WechatConfig } from './config.ts';
import { wechatRoutes } from './routes.ts';

export { createWechatClient, WechatApiError, type WechatClient } from './client.ts';
export { readWechatConfig, type WechatConfig } from './config.ts';

export interface WechatChannelOptions {
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  waitUntil?: (work: Promise<unknown>) => void;
  /** A turn that takes longer is answered through the customer-service API. Default 4000 ms. */
  passiveTimeoutMs?: number;
  /** For the customer-service API client; tests point WECHAT_API_BASE_URL at a fake instead. */
  fetch?: typeof fetch;
  /** Retry attempts, first backoff and per-attempt timeout of the API client (3, 500 ms, 10 s). */
  apiAttempts?: number;
  apiBackoffMs?: number;
  apiTimeoutMs?: number;
  /** How the API client waits between attempts; tests record the delays instead of waiting. */
  apiSleep?: (ms: number) => Promise<void>;
}

export type WechatChannel =
  | {
      on: true;
      routes: ReturnType<typeof wechatRoutes>;
      /** Waits for late replies still being delivered. */
      close: () => Promise<void>;
      /** The customer-service API, for messages outside a reply; absent without app credentials. */
      sender?: WechatClient;
    }
  | { on: false; reason: string };

/** WeChat gives up after 5 seconds; a second of margin covers the network and the database. */
export const defaultPassiveTimeoutMs = 4000;

export function createWechatChannel(options: WechatChannelOptions): WechatChannel {
  const settings = readWechatConfig(options.env);
  return settings.on ? channelFromConfig(settings.config, options) : settings;
}

function channelFromConfig(config: WechatConfig, options: WechatChannelOptions): WechatChannel {
  const logger = options.logger.child({ channel: 'wechat' });

  const sender =
    config.appId && config.appSecret
      ? createWechatClient({
          baseUrl: config.apiBaseUrl,
          appId: config.appId,
          appSecret: config.appSecret,
          logger,
          fetch: options.fetch,
          attempts: options.apiAttempts,
          backoffMs: options.apiBackoffMs,
          timeoutMs: options.apiTimeoutMs,
          sleep: options.apiSleep,
        })
      : undefined;

  const inflight = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
    options.waitUntil?.(work);
  };

  return {
    on: true,
    sender,
    routes: wechatRoutes({
      config,
      engine: options.engine,
      ledger: options.ledger,
      logger,
      client: sender,
      passiveTimeoutMs: options.passiveTimeoutMs ?? defaultPassiveTimeoutMs,
      background,
    }),
    async close() {
      await Promise.allSettled([...inflight]);
    },
  };
}

export const wechatChannel: ChannelFactory = {
  name: 'wechat',
  create(deps) {
    const settings = readWechatConfig(deps.env);
    if (!settings.on) return settings;
    if (!deps.chat) return { on: false, reason: 'no conversation engine is configured' };
    return channelFromConfig(settings.config, { ...deps, engine: deps.chat });
  },
};
