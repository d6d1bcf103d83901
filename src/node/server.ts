/**
 * `npm start`: migrates the database, serves the Hono app on PORT and says where it listens, which
 * database it uses and which channels are on.
 */
import { serve } from '@hono/node-server';
import { chatEngineFromEnv } from '../chat/config.ts';
import { describeDatabase } from '../db/url.ts';
import { createApp } from '../http/app.ts';
import { createChannels } from '../intake/channel.ts';
import { channelFactories } from '../intake/registry.ts';
import { replayInbox } from '../intake/replay.ts';
import { attachSenders } from '../ledger/context.ts';
import { followUpPort } from '../ledger/follow-ups.ts';
import { nodeConsoleAssets } from './assets.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { startSweepTimer } from './sweep-timer.ts';

export interface RunningServer {
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  options: { env?: Record<string, string | undefined> } = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(options);
  const { settings, logger } = runtime;
  const channels = createChannels(channelFactories, {
    ledger: runtime.ledger,
    logger,
    env: settings.env,
    chat: chatEngineFromEnv({
      ledger: runtime.ledger,
      logger,
      env: settings.env,
      followUps: followUpPort(runtime.ledger),
    }),
  });
  attachSenders(runtime.ledger, channels);
  for (const channel of channels) {
    if (!channel.status.on)
      logger.info({ channel: channel.name }, `channel off: ${channel.status.reason}`);
  }
  // Events a crash left between the inbox commit and normalization were acknowledged or are
  // about to be redelivered: finish them before taking new ones.
  const recovered = await replayInbox(runtime.ledger, channels, { status: 'received' });
  if (recovered.processed + recovered.failed > 0) {
    logger.info({ ...recovered }, 'inbox events left received by a previous run were processed');
  }
  const app = createApp({ ledger: runtime.ledger, logger, channels, assets: nodeConsoleAssets() });

  const server = serve({ fetch: app.fetch, port: settings.port, hostname: settings.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${settings.host}:${port}`;
  const sweep = startSweepTimer(runtime.ledger, settings.workflow.escalationIntervalMs);
  const on = channels.filter((channel) => channel.status.on).map((channel) => channel.name);
  logger.info(
    { url, database: describeDatabase(runtime.target), channels: on },
    `Taizhang listening on ${url}`,
  );

  return {
    runtime,
    url,
    async close() {
      await sweep.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const channel of channels) if (channel.status.on) await channel.status.close?.();
      await runtime.close();
    },
  };
}
