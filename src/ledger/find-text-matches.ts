/**
 * Narrows the list's text search through SQLite's FTS5 trigram table (0009_indexes): the ids of
 * the complaints whose content, subject, complainant name or project may contain the words, so the
 * list checks its LIKE conditions on those rows instead of reading the whole ledger.
 */
import { maxParameters } from '../db/limits.ts';
import type { LedgerContext } from './context.ts';

/**
 * Prisma binds an id list as one parameter each, which must stay under SQLite's 999 (D1's 100)
 * with the list's other filters, at most 50. A search matching more rows than this is common
 * enough that the newest-first LIKE scan finds a page of it early, so it does without the index.
 */
export const maxTextMatches = 500;

const limitFor = (ctx: LedgerContext) => Math.min(maxTextMatches, maxParameters(ctx.db) - 50);

/**
 * Null where the index cannot help: on PostgreSQL (its trigram GIN indexes serve LIKE itself),
 * for fewer than 3 characters (the trigram tokenizer's shortest term) and for common words.
 */
export async function findTextMatches(
  ctx: LedgerContext,
  options: { q: string },
): Promise<number[] | null> {
  if (ctx.db.dialect !== 'sqlite' || [...options.q].length < 3) return null;
  // One FTS5 string, quotes doubled: the words are matched as written, never as query syntax.
  const phrase = `"${options.q.replaceAll('"', '""')}"`;
  const limit = limitFor(ctx);
  const rows = await ctx.db.prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
    'SELECT rowid AS id FROM complaint_search WHERE complaint_search MATCH ? LIMIT ?',
    phrase,
    limit + 1,
  );
  return rows.length > limit ? null : rows.map((row) => Number(row.id));
}
