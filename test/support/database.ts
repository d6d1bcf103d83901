/**
 * A fresh, migrated ledger database for one test file. The dialect comes from TEST_DATABASE
 * (`sqlite` by default, `postgresql` for the real server on 127.0.0.1:5432, where each call creates
 * a throwaway database and drops it afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadSettings, type Settings } from '../../src/config.ts';
import { type LedgerDatabase, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type DatabaseTarget, type Dialect, parseDatabaseUrl } from '../../src/db/url.ts';
import { createLedgerContext, type LedgerContext } from '../../src/ledger/context.ts';
import { silentLogger } from '../../src/logger.ts';

export const testDialect: Dialect =
  process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

/** The server every PostgreSQL test uses; its `postgres` database creates the throwaway ones. */
export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  target: DatabaseTarget;
  db: LedgerDatabase;
  settings: Settings;
  ledger: LedgerContext;
  /** Closes the client and removes the database. */
  drop(): Promise<void>;
}

/** Creates an empty database (no migrations) and returns its URL and a function to remove it. */
export async function createEmptyDatabase(
  dialect: Dialect = testDialect,
): Promise<{ url: string; remove(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-test-'));
    return {
      url: `file:${join(dir, 'ledger.db')}`,
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `taizhang_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async remove() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(
  options: { dialect?: Dialect; env?: Record<string, string> } = {},
): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(options.dialect);
  const settings = loadSettings({ ...options.env, DATABASE_URL: empty.url });
  const target = parseDatabaseUrl(empty.url);
  await migrate(target);
  const db = openDatabase(target, { poolSize: 20 });
  const ledger = createLedgerContext(settings, db, silentLogger());
  return {
    url: empty.url,
    target,
    db,
    settings,
    ledger,
    async drop() {
      await db.close();
      await empty.remove();
    },
  };
}
