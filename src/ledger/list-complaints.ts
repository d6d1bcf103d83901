/**
 * Lists the ledger with filters, a text search, a sort and cursor pagination. The cursor is the
 * ref of the last row of the previous page; ties in the sort key are broken by id so that pages
 * never skip or repeat a row.
 */
import { z } from 'zod';
import { LedgerDate, Level, Source, Status } from '../complaint/schema.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import type { LedgerContext } from './context.ts';
import { findTextMatches } from './find-text-matches.ts';
import type { ComplaintRow } from './present.ts';

export const sortKeys = ['receivedAt', 'ref', 'level', 'status', 'category', 'source'] as const;
const SortParam = z
  .string()
  .regex(
    new RegExp(`^-?(${sortKeys.join('|')})$`),
    `one of ${sortKeys.join(', ')}, - for descending`,
  );

export const ListFilter = z
  .object({
    status: Status.optional(),
    level: z.coerce.number().pipe(Level).optional(),
    category: z.string().trim().min(1).max(50).optional(),
    source: Source.optional(),
    assignee: z.string().trim().min(1).max(100).optional(),
    from: LedgerDate.optional().meta({ description: 'Received at or after (ISO 8601)' }),
    to: LedgerDate.optional().meta({ description: 'Received before (ISO 8601)' }),
    q: z.string().trim().min(1).max(200).optional().meta({ description: 'Text search' }),
    sort: SortParam.default('-receivedAt'),
    cursor: z.string().trim().min(1).max(20).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListFilter = z.input<typeof ListFilter>;

export interface ListResult {
  rows: ComplaintRow[];
  nextCursor: string | null;
}

/**
 * The filter as Prisma conditions. `textMatches` (find-text-matches.ts) narrows the text search
 * to the rows the search index found; the LIKE conditions still decide, so results are the same.
 */
export function whereFor(
  filter: z.output<typeof ListFilter>,
  textMatches: number[] | null = null,
): Prisma.ComplaintWhereInput {
  const where: Prisma.ComplaintWhereInput = {};
  if (filter.status) where.status = filter.status;
  if (filter.level) where.level = filter.level;
  if (filter.category) where.category = filter.category;
  if (filter.source) where.source = filter.source;
  if (filter.assignee) where.assignee = filter.assignee;
  if (filter.from || filter.to) where.receivedAt = { gte: filter.from, lt: filter.to };
  if (filter.q) {
    const q = filter.q;
    const text: Prisma.ComplaintWhereInput[] = [
      { content: { contains: q } },
      { subject: { contains: q } },
      { complainantName: { contains: q } },
      { project: { contains: q } },
    ];
    where.OR = [
      { ref: { equals: q.toUpperCase() } },
      ...(textMatches ? [{ id: { in: textMatches }, OR: text }] : text),
    ];
  }
  return where;
}

type SortKey = (typeof sortKeys)[number];

/**
 * Rows after the cursor's row in the sort order, as conditions with a leading bound on the sort
 * key (key <= value AND (key < value OR ...)), which each (key, received_at) index serves as a
 * range. Prisma's own cursor compares through an OR of subqueries that no index serves: the
 * middle of a million-row ledger took 150 ms.
 */
async function afterCursor(
  ctx: LedgerContext,
  ref: string,
  keys: ('id' | SortKey)[],
  direction: 'asc' | 'desc',
): Promise<Prisma.ComplaintWhereInput> {
  const row = await ctx.db.prisma.complaint.findUnique({ where: { ref } });
  if (!row) return { id: { in: [] } };
  const [strict, bound] = direction === 'desc' ? ['lt', 'lte'] : ['gt', 'gte'];
  const after = (i: number): Prisma.ComplaintWhereInput => {
    const key = keys[i] as string;
    const value = row[keys[i] as keyof typeof row];
    if (i === keys.length - 1) return { [key]: { [strict]: value } };
    return {
      AND: [{ [key]: { [bound]: value } }, { OR: [{ [key]: { [strict]: value } }, after(i + 1)] }],
    };
  };
  if (keys[0] !== 'level') return after(0);

  // A level may be missing. SQLite sorts missing values first, PostgreSQL last (ascending).
  const nullsAfter = (ctx.db.dialect === 'sqlite') === (direction === 'desc');
  if (row.level === null) {
    const tie = { AND: [{ level: null }, after(1)] };
    return nullsAfter ? tie : { OR: [{ level: { not: null } }, tie] };
  }
  return nullsAfter ? { OR: [after(0), { level: null }] } : after(0);
}

export async function listComplaints(
  ctx: LedgerContext,
  options: { filter: ListFilter },
): Promise<ListResult> {
  const filter = ListFilter.parse(options.filter);
  const descending = filter.sort.startsWith('-');
  const key = filter.sort.replace(/^-/, '') as SortKey;
  const direction = descending ? 'desc' : 'asc';
  // Ties are broken by time, then id, so each sort key walks its (key, received_at) index.
  const keys: ('id' | SortKey)[] =
    key === 'receivedAt' || key === 'ref' ? [key, 'id'] : [key, 'receivedAt', 'id'];

  const matches = filter.q ? await findTextMatches(ctx, { q: filter.q }) : null;
  const where = whereFor(filter, matches);
  const cursor = filter.cursor?.toUpperCase();
  const after = cursor ? await afterCursor(ctx, cursor, keys, direction) : null;
  const rows = await ctx.db.prisma.complaint.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: keys.map((k) => ({ [k]: direction })),
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  const page = more ? rows.slice(0, filter.limit) : rows;
  return { rows: page, nextCursor: more ? (page.at(-1)?.ref ?? null) : null };
}
