/**
 * Builds the Node runtime from settings: logger, migrated database and ledger context. Shared by
 * the server and every CLI command so they open the ledger the same way.
 */
import { existsSync } from 'node:fs';
import { loadSettings, type Settings } from '../config.ts';
import { type LedgerDatabase, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { type DatabaseTarget, parseDatabaseUrl } from '../db/url.ts';
import { createLedgerContext, type LedgerContext } from '../ledger/context.ts';
import { createLogger, type Logger } from '../logger.ts';

/** Reads `.env` from the working directory when there is one; the real environment wins. */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

export interface Runtime {
  settings: Settings;
  logger: Logger;
  target: DatabaseTarget;
  db: LedgerDatabase;
  ledger: LedgerContext;
  close(): Promise<void>;
}

export async function openRuntime(
  options: { env?: Record<string, string | undefined>; logger?: Logger } = {},
): Promise<Runtime> {
  const settings = loadSettings(options.env ?? readEnvironment());
  const logger = options.logger ?? createLogger({ level: settings.logLevel });
  const target = parseDatabaseUrl(settings.databaseUrl);
  const migrated = await migrate(target);
  if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'migrations applied');

  const db = openDatabase(target, {
    poolSize: settings.databasePoolSize,
    timeoutMs: settings.databaseTimeoutMs,
  });
  const ledger = createLedgerContext(settings, db, logger);
  return { settings, logger, target, db, ledger, close: () => db.close() };
}
