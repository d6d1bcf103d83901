/**
 * Opens the ledger database through Prisma Client with the driver adapter for its dialect.
 * Both generated clients come from the one schema and expose the same models, so the rest of the
 * product is typed against the SQLite client's type.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { serializedSqlite } from './sqlite-serial.ts';
import type { DatabaseTarget, Dialect } from './url.ts';

export type LedgerPrisma = SqliteClient;

export interface LedgerDatabase {
  prisma: LedgerPrisma;
  dialect: Dialect;
  /**
   * The most bound parameters one statement may carry where it is lower than the dialect's:
   * D1 allows 100. Hand-written SQL and id lists size their batches by it.
   */
  maxParameters?: number;
  close(): Promise<void>;
}

export interface OpenOptions {
  poolSize?: number;
  timeoutMs?: number;
}

/** Marks the ledger's sessions in pg_stat_activity, for operators and the pool-size test. */
export const postgresApplicationName = 'taizhang';

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): LedgerDatabase {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Registrations queue for the ref counter's row lock (and, on SQLite, the single writer): a
  // burst must wait its turn rather than fail after Prisma's default two seconds.
  const transactionOptions = { maxWait: timeoutMs, timeout: timeoutMs };
  if (target.dialect === 'sqlite') {
    const adapter = serializedSqlite(
      new PrismaBetterSqlite3({
        url: target.path,
        timeout: timeoutMs,
      }),
    );
    const prisma = new SqliteClient({ adapter, transactionOptions });
    return { prisma, dialect: 'sqlite', close: () => prisma.$disconnect() };
  }

  const adapter = new PrismaPg({
    connectionString: target.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeoutMs,
    lock_timeout: timeoutMs,
    application_name: postgresApplicationName,
  });
  // The PostgreSQL client's models are the SQLite client's, generated from the same schema.
  const prisma = new PostgresClient({ adapter, transactionOptions }) as unknown as LedgerPrisma;
  return { prisma, dialect: 'postgresql', close: () => prisma.$disconnect() };
}
