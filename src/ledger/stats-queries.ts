/**
 * The SQL behind the dashboard: each figure is counted by the database in one pass over the range,
 * so the dashboard reads a few thousand grouped rows instead of every complaint. Written for both
 * dialects by hand because Prisma's groupBy cannot bucket by month or take a median.
 */

import { TZDate } from '@date-fns/tz';
import { addMonths, startOfMonth } from 'date-fns';
import { maxParameters } from '../db/limits.ts';
import type { Dialect } from '../db/url.ts';
import type { LedgerContext } from './context.ts';
import type { ReportRange } from './scan-complaints.ts';

type Value = string | number | Date | null;

/** Runs SQL written with `?` placeholders; PostgreSQL numbers them. */
async function query<T>(ctx: LedgerContext, sql: string, values: Value[]): Promise<T[]> {
  let n = 0;
  const text = ctx.db.dialect === 'postgresql' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return ctx.db.prisma.$queryRawUnsafe<T[]>(text, ...values);
}

/**
 * Hours from `earlier` to `later`, as JavaScript computes them from the two dates. SQLite's
 * julianday is a double with ~0.05 ms of error at today's dates, so it is rounded to whole
 * milliseconds first, which makes the figure exactly the milliseconds the dates hold.
 */
function hours(dialect: Dialect, later: string, earlier: string): string {
  return dialect === 'postgresql'
    ? `(EXTRACT(EPOCH FROM (${later} - ${earlier})) * 1000)::float8 / 3600000`
    : `round((julianday(${later}) - julianday(${earlier})) * 86400000) / 3600000.0`;
}

/** A parameter compared with a timestamp column: PostgreSQL cannot infer its type in VALUES. */
const instant = (dialect: Dialect) => (dialect === 'postgresql' ? 'CAST(? AS TIMESTAMP(3))' : '?');

function rangeCondition(range: ReportRange): { sql: string; values: Value[] } {
  const parts: string[] = [];
  const values: Value[] = [];
  if (range.from) parts.push('c.received_at >= ?') && values.push(range.from);
  if (range.to) parts.push('c.received_at < ?') && values.push(range.to);
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', values };
}

export interface Month {
  key: string;
  from: Date;
  to: Date;
}

/**
 * The calendar months, in the ledger's time zone, from `first` to `last`, each clipped to the
 * range, so the database can bucket by instants instead of converting every row's time zone.
 */
export function monthsBetween(first: Date, last: Date, range: ReportRange, timezone: string) {
  const months: Month[] = [];
  let start = startOfMonth(new TZDate(first.getTime(), timezone));
  while (start.getTime() <= last.getTime()) {
    const next = addMonths(start, 1);
    const key = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`;
    const from = range.from && range.from > start ? range.from : new Date(start.getTime());
    const to = range.to && range.to < next ? range.to : new Date(next.getTime());
    months.push({ key, from, to });
    start = next;
  }
  return months;
}

export interface GroupRow {
  dimension: Dimension;
  month: string;
  value: string;
  n: number;
  /** The lowest id in the group: the dashboard lists values in the order they first appear. */
  first: number;
}

export type Dimension = 'category' | 'source' | 'level' | 'status';
export const dimensions: readonly Dimension[] = ['category', 'source', 'level', 'status'];

/** Complaints per month and per category, source, level and status. */
export function countByMonth(ctx: LedgerContext, months: Month[]): Promise<GroupRow[]> {
  return ctx.db.dialect === 'postgresql'
    ? countByMonthHashed(ctx, months)
    : countByMonthIndexed(ctx, months);
}

/**
 * SQLite: each (month, dimension) is its own GROUP BY over that dimension's (key, received_at)
 * index of 0001, which hands the rows over already grouped. SQLite has no hash aggregate, and one
 * GROUP BY over every column at once spent most of its time sorting the range's rows.
 */
async function countByMonthIndexed(ctx: LedgerContext, months: Month[]): Promise<GroupRow[]> {
  const rows: GroupRow[] = [];
  // Three parameters per month and dimension: a year per statement on SQLite, 8 months on D1.
  const perStatement = Math.max(1, Math.min(12, Math.floor(maxParameters(ctx.db) / 12)));
  for (let i = 0; i < months.length; i += perStatement) {
    const chunk = months.slice(i, i + perStatement);
    const parts = dimensions.flatMap((dimension) =>
      chunk.map(
        // Grouped by the bare column, which its index orders; cast so that UNION ALL has one type.
        () => `SELECT '${dimension}' AS dimension, ? AS month, CAST(${dimension} AS TEXT) AS value,
          count(*) AS n, min(id) AS first FROM complaint
          WHERE received_at >= ? AND received_at < ? GROUP BY ${dimension}`,
      ),
    );
    const values = dimensions.flatMap(() => chunk.flatMap((m) => [m.key, m.from, m.to]));
    const result = await query<Record<string, unknown>>(ctx, parts.join(' UNION ALL '), values);
    for (const row of result) {
      rows.push({
        dimension: row.dimension as Dimension,
        month: String(row.month),
        value: row.value === null ? '—' : String(row.value),
        n: Number(row.n),
        first: Number(row.first),
      });
    }
  }
  return rows;
}

/**
 * PostgreSQL: one pass over the range, hashed by month and all four dimensions at once, which
 * took a fifth of the time of 48 separate index scans that each visit the table for the id.
 */
async function countByMonthHashed(ctx: LedgerContext, months: Month[]): Promise<GroupRow[]> {
  if (months.length === 0) return [];
  const timestamp = 'CAST(? AS TIMESTAMP(3))';
  const sql = `WITH m (month, lo, hi) AS (VALUES ${months.map(() => `(?, ${timestamp}, ${timestamp})`).join(', ')})
    SELECT m.month AS month, c.category, c.source, c.level, c.status, count(*) AS n,
      min(c.id) AS first
    FROM m JOIN complaint c ON c.received_at >= m.lo AND c.received_at < m.hi
    GROUP BY m.month, c.category, c.source, c.level, c.status`;
  const values = months.flatMap((month) => [month.key, month.from, month.to]);
  const result = await query<Record<Dimension | 'month' | 'n' | 'first', unknown>>(
    ctx,
    sql,
    values,
  );
  return result.flatMap((row) =>
    dimensions.map((dimension) => ({
      dimension,
      month: String(row.month),
      value: row[dimension] === null ? '—' : String(row[dimension]),
      n: Number(row.n),
      first: Number(row.first),
    })),
  );
}

export interface Totals {
  complaints: number;
  open: number;
  overdue: number;
  resolvedLate: number;
  /** Complaints rated 1 to 5. */
  rated: number[];
}

/** The headline figures and the ratings, in one pass over complaint_totals (0009) alone. */
export async function countTotals(
  ctx: LedgerContext,
  range: ReportRange,
  now: Date,
): Promise<Totals> {
  const where = rangeCondition(range);
  const open = "c.status IN ('pending', 'in_progress')";
  const ratings = [1, 2, 3, 4, 5]
    .map((k) => `sum(CASE WHEN c.satisfaction = ${k} THEN 1 ELSE 0 END) AS s${k}`)
    .join(', ');
  const sql = `SELECT count(*) AS complaints, sum(CASE WHEN ${open} THEN 1 ELSE 0 END) AS open,
      sum(CASE WHEN ${open} AND c.resolution_due_at < ${instant(ctx.db.dialect)} THEN 1 ELSE 0 END)
        AS overdue,
      sum(CASE WHEN c.resolved_at > c.resolution_due_at THEN 1 ELSE 0 END) AS late, ${ratings}
    FROM complaint c WHERE ${where.sql}`;
  const [row = {}] = await query<Record<string, unknown>>(ctx, sql, [now, ...where.values]);
  return {
    complaints: Number(row.complaints ?? 0),
    open: Number(row.open ?? 0),
    overdue: Number(row.overdue ?? 0),
    resolvedLate: Number(row.late ?? 0),
    rated: [1, 2, 3, 4, 5].map((k) => Number(row[`s${k}`] ?? 0)),
  };
}

export interface DurationRow {
  count: number;
  total: number;
  median: number | null;
}

/**
 * Count, sum and median (the mean of the middle two when even) of a column of hours. The median
 * is read with ORDER BY and OFFSET, which both dialects run as one sort; a window function over
 * the same rows took three times as long on SQLite.
 */
async function durations(ctx: LedgerContext, inner: string, values: Value[]): Promise<DurationRow> {
  const [sums] = await query<{ n: unknown; total: unknown }>(
    ctx,
    `SELECT count(*) AS n, sum(h) AS total FROM (${inner}) d`,
    values,
  );
  const count = Number(sums?.n ?? 0);
  if (count === 0) return { count, total: 0, median: null };
  const middle = await query<{ h: unknown }>(
    ctx,
    `SELECT h FROM (${inner}) d ORDER BY h LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}`,
    values,
  );
  const median = middle.reduce((sum, row) => sum + Number(row.h), 0) / middle.length;
  return { count, total: Number(sums?.total), median };
}
/** Hours from receipt to resolution, for the complaints resolved in the range. */
export function resolutionHours(ctx: LedgerContext, range: ReportRange): Promise<DurationRow> {
  const where = rangeCondition(range);
  const h = hours(ctx.db.dialect, 'c.resolved_at', 'c.received_at');
  return durations(
    ctx,
    `SELECT ${h} AS h FROM complaint c WHERE c.resolved_at IS NOT NULL AND ${where.sql}`,
    where.values,
  );
}

/** Hours from receipt to the first progress entry, for the complaints that have one. */
export function firstResponseHours(ctx: LedgerContext, range: ReportRange): Promise<DurationRow> {
  const where = rangeCondition(range);
  const h = hours(ctx.db.dialect, 'min(p.at)', 'c.received_at');
  return durations(
    ctx,
    `SELECT ${h} AS h FROM complaint c JOIN progress_entry p ON p.complaint_id = c.id
      WHERE ${where.sql} GROUP BY c.id, c.received_at`,
    where.values,
  );
}
