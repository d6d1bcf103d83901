/**
 * How many bound parameters one statement may carry. Kept apart from client.ts, which loads the
 * Node drivers, so that the Workers build can use it.
 */
import type { LedgerDatabase } from './client.ts';

/** SQLite's limit as Prisma enforces it (P2029), PostgreSQL's as Prisma binds it, or D1's. */
export function maxParameters(db: LedgerDatabase): number {
  return db.maxParameters ?? (db.dialect === 'sqlite' ? 999 : 32_767);
}
