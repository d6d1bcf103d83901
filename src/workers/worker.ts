/**
 * The Cloudflare Workers runtime: the same Hono app as on Node, over D1. Settings come from the
 * worker's bindings (`[vars]` and `wrangler secret put`), read with the same `loadSettings` once
 * per isolate.
 *
 * The Prisma client, the ledger, the channels and the app are built per event: Prisma batches
 * concurrent queries of one client into one round trip, and workerd cancels a promise that one
 * request resolves for another, so a client shared across requests hangs under load. Work that a
 * channel does after acknowledging a platform (a chat reply, say) goes to this event's
 * `ctx.waitUntil` through `ChannelDeps.waitUntil`, so the isolate lives until it is done.
 */
import type { ExecutionContext } from 'hono';
import { chatEngineFromEnv } from '../chat/config.ts';
import { loadSettings, type Settings } from '../config.ts';
import { AppError } from '../errors.ts';
import { createApp } from '../http/app.ts';
import { type ChannelFactory, createChannels } from '../intake/channel.ts';
import { attachSenders, createLedgerContext, type LedgerContext } from '../ledger/context.ts';
import { followUpPort } from '../ledger/follow-ups.ts';
import type { Logger } from '../logger.ts';
import { type D1Binding, openD1Database } from './database.ts';
import { createWorkerLogger } from './logger.ts';
import { runScheduledSweep, type ScheduledRun } from './sweep.ts';

/** The worker's bindings: the D1 database `DB` and string settings. */
export interface WorkerEnv {
  DB?: D1Binding;
  [name: string]: unknown;
}

/** What a cron trigger hands the `scheduled` handler. */
export interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}

export interface WorkerOptions {
  factories: readonly ChannelFactory[];
  /** What the cron trigger runs; the escalation sweep hook by default. */
  sweep?: (ledger: LedgerContext, run: ScheduledRun) => Promise<void>;
}

interface Configured {
  settings: Settings;
  logger: Logger;
  binding: D1Binding;
}

/** Only the string bindings are settings; D1 and other bindings are objects. */
function settingsFrom(env: WorkerEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function configure(env: WorkerEnv): Configured {
  const settings = loadSettings(settingsFrom(env));
  const logger = createWorkerLogger(settings.logLevel);
  if (!env.DB) {
    throw new AppError('config_invalid', 'the D1 binding "DB" is missing (see wrangler.toml)');
  }
  return { settings, logger, binding: env.DB };
}

/** Hands work to the event's waitUntil, logging a failure instead of losing it. */
function keepAlive(ctx: ExecutionContext, logger: Logger) {
  return (work: Promise<unknown>) => {
    ctx.waitUntil(
      work.catch((error: unknown) =>
        logger.error({ err: error }, 'work after the response failed'),
      ),
    );
  };
}

export function createWorker(options: WorkerOptions) {
  const sweep = options.sweep ?? runScheduledSweep;
  let configured: Configured | undefined;
  let reported = false;

  function ledgerFor(env: WorkerEnv): LedgerContext {
    configured ??= configure(env);
    const { settings, logger, binding } = configured;
    return createLedgerContext(settings, openD1Database(binding), logger);
  }

  /** This event's app: a fresh client, ledger and channels over the isolate's settings. */
  function appFor(env: WorkerEnv, ctx: ExecutionContext) {
    const ledger = ledgerFor(env);
    const { logger } = ledger;
    const settingsEnv = configured?.settings.env ?? {};
    const channels = createChannels(options.factories, {
      ledger,
      logger,
      env: settingsEnv,
      chat: chatEngineFromEnv({
        ledger,
        logger,
        env: settingsEnv,
        followUps: followUpPort(ledger),
      }),
      waitUntil: keepAlive(ctx, logger),
    });
    attachSenders(ledger, channels);
    if (!reported) {
      reported = true;
      for (const channel of channels) {
        if (channel.status.on) continue;
        logger.info({ channel: channel.name }, `channel off: ${channel.status.reason}`);
      }
    }
    return createApp({ ledger, logger, channels });
  }

  return {
    async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
      let app: ReturnType<typeof createApp>;
      try {
        app = appFor(env, ctx);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // Bad settings fail every request until they are fixed: log which, answer as the app does.
        createWorkerLogger('error').error({ code: error.code }, error.message);
        return Response.json(error.toBody(), { status: error.status });
      }
      return app.fetch(request, env, ctx);
    },

    async scheduled(event: ScheduledEvent, env: WorkerEnv): Promise<void> {
      const run = { cron: event.cron, scheduledTime: new Date(event.scheduledTime) };
      await sweep(ledgerFor(env), run);
    },
  };
}
