/**
 * Applies the hand-kept migration SQL in prisma/migrations/<dialect>/ in file-name order. Each
 * file runs in its own transaction and is recorded in `_taizhang_migrations` with a checksum, so
 * running again changes nothing and an edited, already-applied file is refused rather than
 * silently skipped. Two processes starting together are serialized by a lock.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { DatabaseTarget, Dialect } from './url.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

const migrationsRoot = join(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export function loadMigrations(dialect: Dialect, root = migrationsRoot): Migration[] {
  const folder = join(root, dialect);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(folder, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      return { name: file.replace(/\.sql$/, ''), sql, checksum };
    });
}

const ledgerTable = `CREATE TABLE IF NOT EXISTS "_taizhang_migrations" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "applied_at" TEXT NOT NULL
)`;

function checkUnchanged(migration: Migration, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (recorded !== migration.checksum) {
    throw new AppError(
      'config_invalid',
      `migration ${migration.name} was changed after it was applied; add a new migration instead`,
    );
  }
  return true;
}

export function migrateSqlite(path: string, migrations = loadMigrations('sqlite')): MigrateResult {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 10_000 });
  const result: MigrateResult = { applied: [], skipped: [] };
  try {
    // WAL lets readers go on while one writer commits; the setting persists in the file.
    db.pragma('journal_mode = WAL');
    db.exec(ledgerTable);
    for (const migration of migrations) {
      // IMMEDIATE takes the write lock first, so a second process waits and then sees the record.
      const apply = db.transaction(() => {
        const row = db
          .prepare('SELECT checksum FROM "_taizhang_migrations" WHERE name = ?')
          .get(migration.name) as { checksum: string } | undefined;
        if (checkUnchanged(migration, row?.checksum)) return false;
        db.exec(migration.sql);
        db.prepare('INSERT INTO "_taizhang_migrations" VALUES (?, ?, ?)').run(
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
        return true;
      });
      (apply.immediate() ? result.applied : result.skipped).push(migration.name);
    }
  } finally {
    db.close();
  }
  return result;
}

// Any constant will do; it only has to be the same in every Taizhang process.
const advisoryLockKey = 72_617_883;

export async function migratePostgres(
  connectionString: string,
  migrations = loadMigrations('postgresql'),
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const result: MigrateResult = { applied: [], skipped: [] };
  try {
    await client.query('SELECT pg_advisory_lock($1)', [advisoryLockKey]);
    await client.query(ledgerTable);
    for (const migration of migrations) {
      const { rows } = await client.query<{ checksum: string }>(
        'SELECT checksum FROM "_taizhang_migrations" WHERE name = $1',
        [migration.name],
      );
      if (checkUnchanged(migration, rows[0]?.checksum)) {
        result.skipped.push(migration.name);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO "_taizhang_migrations" VALUES ($1, $2, $3)', [
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      result.applied.push(migration.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [advisoryLockKey]).catch(() => {});
    await client.end();
  }
  return result;
}

export function migrate(target: DatabaseTarget): Promise<MigrateResult> {
  return target.dialect === 'sqlite'
    ? Promise.resolve(migrateSqlite(target.path))
    : migratePostgres(target.connectionString);
}
