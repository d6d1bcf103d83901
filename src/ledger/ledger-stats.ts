/**
 * The dashboard's figures: complaints per month by category, source, level and status; time to
 * first response (the first progress entry) and to resolution; overdue; satisfaction; the issues
 * raised most often (the same category at the same project). The database does the counting
 * (stats-queries.ts); this file turns its grouped rows into the dashboard's shape.
 */
import type { LedgerContext } from './context.ts';
import type { ReportRange } from './scan-complaints.ts';
import {
  countByMonth,
  countTotals,
  type Dimension,
  type DurationRow,
  dimensions,
  firstResponseHours,
  type GroupRow,
  monthsBetween,
  resolutionHours,
} from './stats-queries.ts';

export { type Dimension, dimensions };

export interface Duration {
  count: number;
  averageHours: number | null;
  medianHours: number | null;
}

export interface LedgerStats {
  months: string[];
  /** Per dimension, per value, one count per month of `months`. */
  byMonth: Record<Dimension, Record<string, number[]>>;
  totals: { complaints: number; open: number; overdue: number; resolvedLate: number };
  firstResponse: Duration;
  resolution: Duration;
  satisfaction: { count: number; average: number | null; distribution: number[] };
  repeated: Array<{ category: string; project: string | null; count: number }>;
}

export function summarize(hours: number[]): Duration {
  if (hours.length === 0) return { count: 0, averageHours: null, medianHours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const average = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, averageHours: round(average), medianHours: round(median) };
}

const round = (value: number) => Math.round(value * 10) / 10;

const duration = (row: DurationRow): Duration => ({
  count: row.count,
  averageHours: row.count ? round(row.total / row.count) : null,
  medianHours: row.median === null ? null : round(row.median),
});

/** Per dimension, its values in the order they first appear in the ledger, counted per month. */
function byMonth(groups: GroupRow[], months: string[]): LedgerStats['byMonth'] {
  const column = new Map(months.map((month, i) => [month, i]));
  const result = {} as LedgerStats['byMonth'];
  for (const dimension of dimensions) {
    const values = new Map<string, { first: number; counts: number[] }>();
    for (const group of groups) {
      if (group.dimension !== dimension) continue;
      const entry = values.get(group.value) ?? { first: group.first, counts: months.map(() => 0) };
      entry.first = Math.min(entry.first, group.first);
      const i = column.get(group.month) ?? 0;
      entry.counts[i] = (entry.counts[i] ?? 0) + group.n;
      values.set(group.value, entry);
    }
    result[dimension] = Object.fromEntries(
      [...values].sort(([, a], [, b]) => a.first - b.first).map(([v, e]) => [v, e.counts]),
    );
  }
  return result;
}

/**
 * The same category at the same project, most frequent first. A complaint without a project and
 * one with an empty project count together, as the same place unknown.
 */
async function repeatedIssues(ctx: LedgerContext, range: ReportRange, top: number) {
  const groups = await ctx.db.prisma.complaint.groupBy({
    by: ['category', 'project'],
    where: whereRange(range),
    _count: { _all: true },
    _min: { id: true },
  });
  const merged = new Map<string, { category: string; project: string | null; count: number }>();
  // Merged in order of first appearance, so equal counts keep the order the ledger holds them in.
  for (const group of groups.sort((a, b) => (a._min.id ?? 0) - (b._min.id ?? 0))) {
    const key = `${group.category}\u0000${group.project ?? ''}`;
    const issue = merged.get(key) ?? { category: group.category, project: group.project, count: 0 };
    issue.count += group._count._all;
    merged.set(key, issue);
  }
  return [...merged.values()]
    .filter((issue) => issue.count > 1)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, top);
}

const whereRange = ({ from, to }: ReportRange) =>
  from || to ? { receivedAt: { gte: from, lt: to } } : {};

export async function ledgerStats(
  ctx: LedgerContext,
  options: { range: ReportRange; top?: number },
): Promise<LedgerStats> {
  const { range } = options;
  const bounds = await ctx.db.prisma.complaint.aggregate({
    where: whereRange(range),
    _min: { receivedAt: true },
    _max: { receivedAt: true },
  });
  const first = bounds._min.receivedAt;
  const last = bounds._max.receivedAt;
  const months = first && last ? monthsBetween(first, last, range, ctx.timezone) : [];

  const [groups, totals, firstResponse, resolution, repeated] = await Promise.all([
    countByMonth(ctx, months),
    countTotals(ctx, range, ctx.now()),
    firstResponseHours(ctx, range),
    resolutionHours(ctx, range),
    repeatedIssues(ctx, range, options.top ?? 10),
  ]);

  const seen = [...new Set(groups.map((group) => group.month))].sort();
  const { rated: distribution, ...headline } = totals;
  const rated = distribution.reduce((sum, n) => sum + n, 0);
  const ratedTotal = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);

  return {
    months: seen,
    byMonth: byMonth(groups, seen),
    totals: headline,
    firstResponse: duration(firstResponse),
    resolution: duration(resolution),
    satisfaction: {
      count: rated,
      average: rated ? round(ratedTotal / rated) : null,
      distribution,
    },
    repeated,
  };
}
