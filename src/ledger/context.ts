/** What every ledger operation is handed: the database, the ledger's settings, a logger, a clock. */
import type { RefFormat } from '../complaint/refs.ts';
import type { Settings } from '../config.ts';
import type { LedgerDatabase } from '../db/client.ts';
import type { Logger } from '../logger.ts';

export interface LedgerContext {
  db: LedgerDatabase;
  refs: RefFormat;
  categories: readonly string[];
  timezone: string;
  logger: Logger;
  now: () => Date;
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
  };
}
