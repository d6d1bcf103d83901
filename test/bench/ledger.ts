/**
 * The ledger at scale: seeds (or reuses) a ledger of N complaints and measures, through the same
 * ledger operations the API and console use, the list with each filter, text search, the next
 * page, one complaint's page and the dashboard's figures (its default range, the last 12 months).
 */
import { loadSettings } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
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

export async function measureLedger(
  url: string,
  target: DatabaseTarget,
  count: number,
  runs: number,
  log: (line: string) => void,
): Promise<{ results: Summary[]; seedSeconds: number }> {
  const started = Date.now();
  await seed(target, count, log);
  const seedSeconds = (Date.now() - started) / 1000;
  log(`seeded ${count} in ${seedSeconds.toFixed(1)} s`);

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
        Math.min(runs, 3),
      ],
    ];
    const results: Summary[] = [];
    for (const [name, fn, times] of cases) {
      results.push(await measure(name, times ?? runs, fn));
      log(`${name} done`);
    }
    return { results, seedSeconds };
  } finally {
    await db.close();
  }
}
