/**
 * The ledger at scale: seeds (or reuses) a ledger of N complaints and measures the list with each
 * filter, text search, deep pages and reading one complaint, through the same ledger operations
 * the API uses.
 *
 *   npx tsx test/bench/ledger.ts [--count 1000000] [--database-url URL] [--runs 50]
 */
import { parseArgs } from 'node:util';
import { loadSettings } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { parseDatabaseUrl } from '../../src/db/url.ts';
import { createLedgerContext, type LedgerContext } from '../../src/ledger/context.ts';
import { getComplaint } from '../../src/ledger/get-complaint.ts';
import { type ListFilter, listComplaints } from '../../src/ledger/list-complaints.ts';
import { silentLogger } from '../../src/logger.ts';
import { seed } from './seed.ts';
import { measure, type Summary, table } from './stats.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    'database-url': { type: 'string', default: 'file:./data/bench-ledger.db' },
    runs: { type: 'string', default: '50' },
    reseed: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const runs = Number(values.runs);
const target = parseDatabaseUrl(values['database-url']);
const settings = loadSettings({ DATABASE_URL: values['database-url'] });
const db = openDatabase(target);
const ctx: LedgerContext = createLedgerContext(settings, db, silentLogger());

const have = await db.prisma.complaint.count().catch(() => 0);
if (have !== count || values.reseed) {
  if (have > 0)
    throw new Error(`the database holds ${have} complaints; use an empty one or --count ${have}`);
  process.stderr.write(`seeding ${count} complaints...\n`);
  await seed(target, count, (line) => process.stderr.write(`${line}\n`));
}

const list = (filter: ListFilter) => () => listComplaints(ctx, { filter });
const deepCursor = (await listComplaints(ctx, { filter: { limit: 500 } })).nextCursor ?? undefined;
const cases: [string, () => Promise<unknown>][] = [
  ['list, newest first', list({})],
  ['status = pending', list({ status: 'pending' })],
  ['category = 工程质量', list({ category: '工程质量' })],
  ['source = hotline', list({ source: 'hotline' })],
  ['level = 1', list({ level: 1 })],
  ['assignee = 张伟', list({ assignee: '张伟' })],
  ['one month (date range)', list({ from: new Date('2025-03-01'), to: new Date('2025-04-01') })],
  [
    'status + category + source',
    list({ status: 'pending', category: '物业服务', source: 'wechat' }),
  ],
  ['sorted by level', list({ sort: 'level' })],
  ['next page (cursor)', list({ cursor: deepCursor })],
  ['text search 墙体开裂', list({ q: '墙体开裂' })],
  ['text search, rare word', list({ q: '第777777号' })],
  ['one complaint by ref', () => getComplaint(ctx, { ref: 'B0500000' })],
];

const results: Summary[] = [];
for (const [name, fn] of cases) {
  results.push(await measure(name, runs, fn));
  process.stderr.write(`${name} done\n`);
}
await db.close();
process.stdout.write(`Ledger of ${count} complaints on ${target.dialect}\n\n${table(results)}\n`);
