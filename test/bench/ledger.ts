/**
 * The ledger at scale: seeds (or reuses) a ledger of N complaints and measures, through the same
 * ledger operations the API and console use, the list with each filter, text search, the next
 * page, one complaint's page and the dashboard's figures (its default range, the last 12 months).
 */
import { loadSettings } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { DatabaseTarget } from '../../src/db/url.ts';
import { createLedgerContext, type LedgerContext } from '../../src/ledger/context.ts';
import { getComplaint } from '../../src/ledger/get-complaint.ts';
import { ledgerStats } from '../../src/ledger/ledger-stats.ts';
import { type ListFilter, listComplaints } from '../../src/ledger/list-complaints.ts';
import { silentLogger } from '../../src/logger.ts';
import { seed } from './seed.ts';
import { measure, type Summary } from './stats.ts';

/** The seeded ledger ends in November 2026; "now" is fixed just after it. */
const now = new Date('2026-12-01T00:00:00Z');

export interface LedgerRun {
  url: string;
  target: DatabaseTarget;
  count: number;
  runs: number;
  log: (line: string) => void;
  /** Called after seeding and after each case, so an interrupted run keeps what it measured. */
  flush: (results: Summary[], seedSeconds: number | null, remaining: number) => void;
}

/** Seeds the ledger unless it already holds complaints (a ledger kept from an earlier run). */
async function seedUnlessSeeded(run: LedgerRun): Promise<number | null> {
  await migrate(run.target);
  const probe = openDatabase(run.target);
  const existing = await probe.prisma.complaint.count();
  await probe.close();
  if (existing > 0) {
    run.log(`reusing the ${existing} complaints already in the ledger`);
    return null;
  }
  const started = Date.now();
  await seed(run.target, run.count, run.log);
  const seconds = (Date.now() - started) / 1000;
  run.log(`seeded ${run.count} in ${seconds.toFixed(1)} s`);
  return seconds;
}

export async function measureLedger(run: LedgerRun): Promise<void> {
  const { url, target, count, runs, log } = run;
  const seedSeconds = await seedUnlessSeeded(run);

  const settings = loadSettings({ DATABASE_URL: url });
  const db = openDatabase(target);
  const ctx: LedgerContext = {
    ...createLedgerContext(settings, db, silentLogger()),
    now: () => now,
  };
  try {
    const list = (filter: ListFilter) => () => listComplaints(ctx, { filter });
    const middle = `B${String(Math.ceil(count / 2)).padStart(7, '0')}`;
    const rare = `第${Math.ceil(count * 0.777)}号`;
    const cases: [string, () => Promise<unknown>, number?][] = [
      ['list, newest first', list({})],
      ['status = pending', list({ status: 'pending' })],
      ['category = 工程质量', list({ category: '工程质量' })],
      ['source = hotline', list({ source: 'hotline' })],
      ['level = 1', list({ level: 1 })],
      ['assignee = 张伟', list({ assignee: '张伟' })],
      [
        'one month (date range)',
        list({ from: new Date('2025-03-01'), to: new Date('2025-04-01') }),
      ],
      [
        'status + category + source',
        list({ status: 'pending', category: '物业服务', source: 'wechat' }),
      ],
      ['sorted by level', list({ sort: 'level' })],
      ['next page (cursor from the middle)', list({ cursor: middle })],
      ['text search 墙体开裂 (common)', list({ q: '墙体开裂' })],
      [`text search ${rare} (one row)`, list({ q: rare })],
      ['one complaint by ref', () => getComplaint(ctx, { ref: middle })],
      [
        'dashboard, last 12 months',
        () =>
          ledgerStats(ctx, {
            range: {
              from: new Date('2025-12-01T00:00:00+08:00'),
              to: new Date('2026-12-01T00:00:00+08:00'),
            },
          }),
        Math.min(runs, 10),
      ],
    ];
    const results: Summary[] = [];
    run.flush(results, seedSeconds, cases.length);
    for (const [name, fn, times] of cases) {
      const summary = await measure(name, times ?? runs, fn);
      results.push(summary);
      log(`${name}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms`);
      run.flush(results, seedSeconds, cases.length - results.length);
    }
  } finally {
    await db.close();
  }
}
