/**
 * Runs stored raw events through their channel again: dead letters after a fix
 * (`taizhang inbox replay`), and events a crash left `received` between the inbox commit and
 * normalization (every server start). Normalization is idempotent, so an event another instance
 * is processing at the same moment still becomes one complaint.
 */
import type { LedgerContext } from '../ledger/context.ts';
import type { MountedChannel } from './channel.ts';
import { type InboxStatus, listEvents } from './inbox.ts';

export interface ReplaySummary {
  processed: number;
  failed: number;
  /** Events of channels that are off or cannot replay; they stay as they are. */
  skipped: number;
}

export async function replayInbox(
  ctx: LedgerContext,
  channels: readonly MountedChannel[],
  options: { status: InboxStatus; channel?: string },
): Promise<ReplaySummary> {
  const summary: ReplaySummary = { processed: 0, failed: 0, skipped: 0 };
  let afterId: number | undefined;
  for (;;) {
    const events = await listEvents(ctx, {
      status: options.status,
      channel: options.channel,
      afterId,
      limit: 100,
    });
    if (events.length === 0) return summary;
    for (const event of events) {
      afterId = event.id;
      const status = channels.find((channel) => channel.name === event.channel)?.status;
      if (!status?.on || !status.replay) {
        summary.skipped++;
        continue;
      }
      const outcome = await status.replay(event);
      summary[outcome.status]++;
    }
  }
}
