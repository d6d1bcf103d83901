/**
 * Reads the fields the reports need from every complaint in a range, a page at a time by id, so a
 * report over a large ledger holds one page of rows and its running totals, never the ledger.
 */
import type { Prisma } from '../generated/sqlite/client.ts';
import type { LedgerContext } from './context.ts';

const reportFields = {
  id: true,
  receivedAt: true,
  category: true,
  source: true,
  level: true,
  status: true,
  project: true,
  assignee: true,
  resolutionDueAt: true,
  resolvedAt: true,
  satisfaction: true,
  progress: { select: { at: true }, orderBy: { at: 'asc' }, take: 1 },
} satisfies Prisma.ComplaintSelect;

export type ReportRow = Prisma.ComplaintGetPayload<{ select: typeof reportFields }>;

export interface ReportRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function* scanComplaints(
  ctx: LedgerContext,
  options: { range: ReportRange; pageSize?: number },
): AsyncGenerator<ReportRow> {
  const { from, to } = options.range;
  const where: Prisma.ComplaintWhereInput = from || to ? { receivedAt: { gte: from, lt: to } } : {};
  // Prisma reads each page's first progress entries with one IN list of the page's ids, which must
  // stay under SQLite's 999 bound parameters: a page of 1,000 failed with P2029 on a large ledger.
  const take = options.pageSize ?? 500;
  let after: number | undefined;
  for (;;) {
    const page = await ctx.db.prisma.complaint.findMany({
      where: after === undefined ? where : { AND: [where, { id: { gt: after } }] },
      orderBy: { id: 'asc' },
      select: reportFields,
      take,
    });
    yield* page;
    if (page.length < take) return;
    after = page.at(-1)?.id;
  }
}

/** Open means someone still owes the customer an answer. */
export function isOpen(row: { status: string }): boolean {
  return row.status === 'pending' || row.status === 'in_progress';
}

export function isOverdue(row: ReportRow, now: Date): boolean {
  return isOpen(row) && row.resolutionDueAt !== null && row.resolutionDueAt < now;
}

export function resolvedOnTime(row: ReportRow): boolean {
  return (
    row.resolvedAt !== null &&
    (row.resolutionDueAt === null || row.resolvedAt <= row.resolutionDueAt)
  );
}
