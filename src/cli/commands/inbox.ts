/**
 * `taizhang inbox list|replay`: the intake inbox from the terminal. `replay` runs dead letters
 * (or, with --status received, events a crash left behind) through their channel again.
 */
import { parseArgs } from 'node:util';
import { chatEngineFromEnv } from '../../chat/config.ts';
import { AppError } from '../../errors.ts';
import { createChannels } from '../../intake/channel.ts';
import { type InboxStatus, inboxStatuses, listEvents } from '../../intake/inbox.ts';
import { channelFactories } from '../../intake/registry.ts';
import { replayInbox } from '../../intake/replay.ts';
import { followUpPort } from '../../ledger/follow-ups.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime, readEnvironment } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

export const inboxCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string', default: 'failed' },
      channel: { type: 'string' },
    },
  });
  const action = positionals[0];
  if (action !== 'replay' && action !== 'list') {
    io.err('Usage: taizhang inbox list|replay [--status failed|received] [--channel NAME]');
    return 2;
  }
  const status = values.status as InboxStatus;
  if (!inboxStatuses.includes(status)) {
    throw new AppError('bad_request', `--status must be one of ${inboxStatuses.join(', ')}`);
  }

  const runtime = await openRuntime({
    env: { ...readEnvironment(), ...io.env },
    logger: silentLogger(),
  });
  try {
    if (action === 'list') {
      const events = await listEvents(runtime.ledger, { status, channel: values.channel });
      for (const event of events) {
        io.out(`${event.id}\t${event.channel}\t${event.receivedAt.toISOString()}\t${event.error}`);
      }
      io.err(`${events.length} ${status} event(s)`);
      return 0;
    }
    const { ledger, logger } = runtime;
    const env = runtime.settings.env;
    const channels = createChannels(channelFactories, {
      ledger,
      logger,
      env,
      chat: chatEngineFromEnv({ ledger, logger, env, followUps: followUpPort(ledger) }),
    });
    const summary = await replayInbox(runtime.ledger, channels, {
      status,
      channel: values.channel,
    });
    io.out(
      `replayed: ${summary.processed} processed, ${summary.failed} still failed, ` +
        `${summary.skipped} skipped (channel off)`,
    );
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
};
