/**
 * The dashboard's SQL against the figures it replaced: the same ledger folded row by row in
 * JavaScript (the former implementation, kept here as the oracle) must give identical results.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerContext } from '../../src/ledger/context.ts';
import { type LedgerStats, ledgerStats, summarize } from '../../src/ledger/ledger-stats.ts';
import {
  isOpen,
  isOverdue,
  type ReportRange,
  scanComplaints,
} from '../../src/ledger/scan-complaints.ts';
import { seed } from '../bench/seed.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

const hour = 3_600_000;
const dimensions = ['category', 'source', 'level', 'status'] as const;

async function foldInJavaScript(ctx: LedgerContext, range: ReportRange): Promise<LedgerStats> {
  const monthOf = (date: Date) => format(new TZDate(date.getTime(), ctx.timezone), 'yyyy-MM');
  const counts = new Map<string, Map<string, Map<string, number>>>();
  const months = new Set<string>();
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  const distribution = [0, 0, 0, 0, 0];
  const repeated = new Map<string, { category: string; project: string | null; count: number }>();
  const totals = { complaints: 0, open: 0, overdue: 0, resolvedLate: 0 };
  for await (const row of scanComplaints(ctx, { range })) {
    const month = monthOf(row.receivedAt);
    months.add(month);
    totals.complaints++;
    if (isOpen(row)) totals.open++;
    if (isOverdue(row, ctx.now())) totals.overdue++;
    if (row.resolvedAt && row.resolutionDueAt && row.resolvedAt > row.resolutionDueAt) {
      totals.resolvedLate++;
    }
    for (const dimension of dimensions) {
      const byValue = counts.get(dimension) ?? new Map<string, Map<string, number>>();
      const perMonth = byValue.get(String(row[dimension] ?? '—')) ?? new Map<string, number>();
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      byValue.set(String(row[dimension] ?? '—'), perMonth);
      counts.set(dimension, byValue);
    }
    const first = row.progress[0]?.at;
    if (first) firstResponse.push((first.getTime() - row.receivedAt.getTime()) / hour);
    if (row.resolvedAt) {
      resolution.push((row.resolvedAt.getTime() - row.receivedAt.getTime()) / hour);
    }
    if (row.satisfaction && row.satisfaction >= 1 && row.satisfaction <= 5) {
      distribution[row.satisfaction - 1] = (distribution[row.satisfaction - 1] ?? 0) + 1;
    }
    const key = `${row.category}\u0000${row.project ?? ''}`;
    const issue = repeated.get(key) ?? { category: row.category, project: row.project, count: 0 };
    issue.count++;
    repeated.set(key, issue);
  }
  const sorted = [...months].sort();
  const rated = distribution.reduce((sum, n) => sum + n, 0);
  const ratedTotal = distribution.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return {
    months: sorted,
    byMonth: Object.fromEntries(
      dimensions.map((dimension) => [
        dimension,
        Object.fromEntries(
          [...(counts.get(dimension) ?? [])].map(([value, perMonth]) => [
            value,
            sorted.map((month) => perMonth.get(month) ?? 0),
          ]),
        ),
      ]),
    ) as LedgerStats['byMonth'],
    totals,
    firstResponse: summarize(firstResponse),
    resolution: summarize(resolution),
    satisfaction: {
      count: rated,
      average: rated ? Math.round((ratedTotal / rated) * 10) / 10 : null,
      distribution,
    },
    repeated: [...repeated.values()]
      .filter((issue) => issue.count > 1)
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .slice(0, 10),
  };
}

describe('ledgerStats in SQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    database.ledger.now = () => new Date('2026-10-01T00:00:00Z');
    // 3,000 complaints over four years: month ends fall on both sides of local midnight.
    await seed(database.target, 3000);
    const complaints = await database.db.prisma.complaint.findMany({
      select: { id: true, receivedAt: true },
    });
    // A first progress entry on two complaints in three, a later second one on some of them.
    await database.db.prisma.progressEntry.createMany({
      data: complaints
        .filter((complaint) => complaint.id % 3 !== 0)
        .flatMap((complaint) => {
          const at = (hours: number) => new Date(complaint.receivedAt.getTime() + hours * hour);
          const entry = { complaintId: complaint.id, author: 'wang', text: '已联系' };
          const first = { ...entry, at: at((complaint.id % 97) * 0.37) };
          return complaint.id % 5 ? [first] : [{ ...entry, at: at(400) }, first];
        }),
    });
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  it.each([
    ['the whole ledger, Asia/Shanghai', {}, 'Asia/Shanghai'],
    [
      'a range starting mid-month',
      { from: new Date('2024-03-17T05:00:00Z'), to: new Date('2025-02-01T00:00:00Z') },
      'Asia/Shanghai',
    ],
    ['the whole ledger, a zone with daylight saving', {}, 'America/New_York'],
    ['an empty range', { from: new Date('2030-01-01'), to: new Date('2030-02-01') }, 'UTC'],
  ])('should match the JavaScript fold over %s', async (_, range: ReportRange, timezone) => {
    const ctx = { ...database.ledger, timezone };

    const expected = await foldInJavaScript(ctx, range);
    const actual = await ledgerStats(ctx, { range });

    expect(actual).toEqual(expected);
    // Values listed in the order they first appear, as the charts' legends show them.
    for (const dimension of dimensions) {
      expect(Object.keys(actual.byMonth[dimension])).toEqual(
        Object.keys(expected.byMonth[dimension]),
      );
    }
  });

  // D1 is SQLite's dialect; PostgreSQL's own limit is far above anything the dashboard binds.
  it.skipIf(testDialect !== 'sqlite')(
    "should keep each statement within D1's 100 parameters",
    async () => {
      const bound: number[] = [];
      const prisma = database.db.prisma;
      const counting = new Proxy(prisma, {
        get(target, key) {
          if (key !== '$queryRawUnsafe') return Reflect.get(target, key, target);
          return (sql: string, ...values: unknown[]) => {
            bound.push(values.length);
            return target.$queryRawUnsafe(sql, ...values);
          };
        },
      });
      const ctx = {
        ...database.ledger,
        db: { ...database.db, prisma: counting, maxParameters: 100 },
      };

      const actual = await ledgerStats(ctx, { range: {} });

      expect(actual).toEqual(await foldInJavaScript(database.ledger, {}));
      // Four years of months: more than one statement's worth at D1's limit.
      expect(bound.length).toBeGreaterThan(5);
      expect(Math.max(...bound)).toBeLessThanOrEqual(100);
    },
  );
});
