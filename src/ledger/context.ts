/** What every ledger operation is handed: the database, the ledger's settings, a logger, a clock. */
import type { ChatChannel, ChatSender } from '../chat/types.ts';
import type { RefFormat } from '../complaint/refs.ts';
import type { Settings } from '../config.ts';
import type { LedgerDatabase } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { createNotifier, type Notifier } from '../workflow/notify.ts';
import type { WorkflowSettings } from '../workflow/settings.ts';

export interface LedgerContext {
  db: LedgerDatabase;
  refs: RefFormat;
  categories: readonly string[];
  timezone: string;
  logger: Logger;
  now: () => Date;
  workflow: WorkflowSettings;
  notifier: Notifier;
  /**
   * The chat channels' senders, for follow-up questions; filled by `attachSenders` once the
   * channels are mounted (channels are built with this context, so they come after it).
   */
  senders: Partial<Record<ChatChannel, ChatSender>>;
}

/** The context every runtime (Node, Workers, tests) builds from its settings and database. */
export function createLedgerContext(
  settings: Settings,
  db: LedgerDatabase,
  logger: Logger,
): LedgerContext {
  return {
    db,
    refs: settings.refs,
    categories: settings.categories,
    timezone: settings.timezone,
    logger,
    now: () => new Date(),
    workflow: settings.workflow,
    notifier: createNotifier({ url: settings.workflow.notifyUrl, logger }),
    senders: {},
  };
}

/** Hands the mounted chat channels' senders to the ledger, for follow-up questions. */
export function attachSenders(
  ctx: LedgerContext,
  channels: ReadonlyArray<{ status: { on: boolean; sender?: ChatSender } }>,
): void {
  for (const channel of channels) {
    const sender = channel.status.on ? channel.status.sender : undefined;
    if (sender) ctx.senders[sender.channel] = sender;
  }
}
