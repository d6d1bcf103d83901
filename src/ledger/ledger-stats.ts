/**
 * The dashboard's figures: complaints per month by category, source, level and status; time to
 * first response (the first progress entry) and to resolution; overdue; satisfaction; the issues
 * raised most often (the same category at the same project).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { LedgerContext } from './context.ts';
import { isOpen, isOverdue, type ReportRange, scanComplaints } from './scan-complaints.ts';

export type Dimension = 'category' | 'source' | 'level' | 'status';
export const dimensions: readonly Dimension[] = ['category', 'source', 'level', 'status'];

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

const hour = 3_600_000;

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

export async function ledgerStats(
  ctx: LedgerContext,
  options: { range: ReportRange; top?: number },
): Promise<LedgerStats> {
  const now = ctx.now();
  const monthOf = (date: Date) => format(new TZDate(date.getTime(), ctx.timezone), 'yyyy-MM');
  const counts = Object.fromEntries(
    dimensions.map((dimension) => [dimension, new Map<string, Map<string, number>>()]),
  ) as Record<Dimension, Map<string, Map<string, number>>>;
  const months = new Set<string>();
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  const distribution = [0, 0, 0, 0, 0];
  const repeated = new Map<string, { category: string; project: string | null; count: number }>();
  const totals = { complaints: 0, open: 0, overdue: 0, resolvedLate: 0 };

  for await (const row of scanComplaints(ctx, { range: options.range })) {
    const month = monthOf(row.receivedAt);
    months.add(month);
    totals.complaints++;
    if (isOpen(row)) totals.open++;
    if (isOverdue(row, now)) totals.overdue++;
    if (row.resolvedAt && row.resolutionDueAt && row.resolvedAt > row.resolutionDueAt) {
      totals.resolvedLate++;
    }
    for (const dimension of dimensions) {
      const value = String(row[dimension] ?? '—');
      const byValue = counts[dimension].get(value) ?? new Map<string, number>();
      byValue.set(month, (byValue.get(month) ?? 0) + 1);
      counts[dimension].set(value, byValue);
    }
    const first = row.progress[0]?.at;
    if (first) firstResponse.push((first.getTime() - row.receivedAt.getTime()) / hour);
    if (row.resolvedAt)
      resolution.push((row.resolvedAt.getTime() - row.receivedAt.getTime()) / hour);
    if (row.satisfaction && row.satisfaction >= 1 && row.satisfaction <= 5) {
      distribution[row.satisfaction - 1] = (distribution[row.satisfaction - 1] ?? 0) + 1;
    }
    const key = `${row.category}\u0000${row.project ?? ''}`;
    const issue = repeated.get(key) ?? { category: row.category, project: row.project, count: 0 };
    issue.count++;
    repeated.set(key, issue);
  }

  const sortedMonths = [...months].sort();
  const byMonth = Object.fromEntries(
    dimensions.map((dimension) => [
      dimension,
      Object.fromEntries(
        [...counts[dimension]].map(([value, perMonth]) => [
          value,
          sortedMonths.map((month) => perMonth.get(month) ?? 0),
        ]),
      ),
    ]),
  ) as LedgerStats['byMonth'];
  const rated = distribution.reduce((sum, n) => sum + n, 0);
  const ratedTotal = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);

  return {
    months: sortedMonths,
    byMonth,
    totals,
    firstResponse: summarize(firstResponse),
    resolution: summarize(resolution),
    satisfaction: {
      count: rated,
      average: rated ? round(ratedTotal / rated) : null,
      distribution,
    },
    repeated: [...repeated.values()]
      .filter((issue) => issue.count > 1)
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .slice(0, options.top ?? 10),
  };
}
