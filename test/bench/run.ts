/**
 * `npm run bench`: every benchmark of issue 8, written into BENCHMARKS.md between its markers.
 *
 *   BENCH_SECONDS   seconds per ingest level (10)
 *   BENCH_ROWS      complaints in the ledger benchmark (1000000)
 *   BENCH_EXPORT_ROWS  complaints exported (100000)
 *   BENCH_RUNS      timed runs per ledger case (50)
 *   BENCH_DIALECTS  sqlite,postgresql
 *   BENCH_ONLY      ingest,ledger,export
 *   BENCH_LEDGER_URL  a ledger to measure instead of a fresh one: seeded if empty, kept afterwards
 *
 * Each figure is written into BENCHMARKS.md as soon as it is measured, with the machine's load
 * average beside it, so an interrupted run keeps what it measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type Dialect, parseDatabaseUrl } from '../../src/db/url.ts';
import { createEmptyDatabase, postgresAdminUrl } from '../support/database.ts';
import { measureExport } from './export.ts';
import {
  type ChannelName,
  channels,
  ingestTable,
  type Measured,
  measureBaseline,
  measureIngest,
} from './ingest.ts';
import { measureLedger } from './ledger.ts';
import { machine, writeSection } from './report.ts';
import { seed } from './seed.ts';
import { table } from './stats.ts';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 10);
const rows = Number(env.BENCH_ROWS ?? 1_000_000);
const exportRows = Number(env.BENCH_EXPORT_ROWS ?? 100_000);
const runs = Number(env.BENCH_RUNS ?? 50);
const dialects = (env.BENCH_DIALECTS ?? 'sqlite,postgresql').split(',') as Dialect[];
const only = new Set((env.BENCH_ONLY ?? 'ingest,ledger,export').split(','));
const ledgerUrl = env.BENCH_LEDGER_URL;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function versions(): Promise<string> {
  const sqlite = (
    new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as {
      v: string;
    }
  ).v;
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  const {
    rows: [row],
  } = await client.query('SHOW server_version');
  await client.end();
  return `SQLite ${sqlite} (better-sqlite3), PostgreSQL ${row.server_version}`;
}

const header = `- Measured: ${new Date().toISOString()}, load average ${loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ')} (1 / 5 / 15 min) at the start\n- Machine: ${machine()}, ${await versions()}`;
const command = (vars: string) =>
  `- Command: \`${vars} npm run bench\` (env: ${JSON.stringify({ BENCH_DIALECTS: dialects.join(',') })})`;
const progress = (remaining: number) =>
  remaining > 0 ? `- **Incomplete**: ${remaining} still to measure when this was written\n` : '';

if (only.has('ingest')) {
  const baseline: Measured[] = [];
  const results: Partial<Record<Dialect, Partial<Record<ChannelName, Measured[]>>>> = {};
  const total = 3 * (1 + dialects.length * Object.keys(channels).length);
  const flush = () => {
    const done =
      baseline.length +
      Object.values(results).reduce(
        (sum, byChannel) => sum + Object.values(byChannel ?? {}).flat().length,
        0,
      );
    writeSection(
      'ingest',
      `${header}\n${command(`BENCH_ONLY=ingest BENCH_SECONDS=${seconds}`)}\n- ${seconds} s per level after a 3 s warm-up; load = 1-minute load average after the level\n${progress(total - done)}\n${ingestTable(results, baseline)}`,
    );
  };
  await measureBaseline(baseline, flush);
  for (const dialect of dialects) {
    results[dialect] = {};
    await measureIngest(dialect, results[dialect], flush);
  }
}

// One section per dialect, so a run on one dialect keeps the other's figures.
if (only.has('ledger')) {
  for (const dialect of dialects) {
    const database = ledgerUrl
      ? { url: ledgerUrl, remove: async () => {} }
      : await createEmptyDatabase(dialect);
    const target = parseDatabaseUrl(database.url);
    if (target.dialect !== dialect) throw new Error(`BENCH_LEDGER_URL is not ${dialect}`);
    try {
      await measureLedger({
        url: database.url,
        target,
        count: rows,
        runs,
        log,
        flush: (results, seedSeconds, remaining) =>
          writeSection(
            `ledger-${dialect}`,
            `### ${dialect}, ${rows.toLocaleString('en')} complaints (${seedSeconds === null ? 'seeded by an earlier run' : `seeded in ${seedSeconds.toFixed(0)} s`})\n\n${header}\n${command(`BENCH_ONLY=ledger BENCH_DIALECTS=${dialect} BENCH_ROWS=${rows} BENCH_RUNS=${runs}`)}\n- load = 1-minute load average after the case\n${progress(remaining)}\n${table(results)}`,
          ),
      });
    } finally {
      await database.remove();
    }
  }
}

if (only.has('export')) {
  const lines = [
    '| database | format | rows | node options | seconds | peak RSS MiB | file MiB | load |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  const flush = (remaining: number) =>
    writeSection(
      'export',
      `${header}\n${command(`BENCH_ONLY=export BENCH_EXPORT_ROWS=${exportRows}`)}\n- rows 0 = the same export of an empty ledger: the process's own floor; load = 1-minute load average after the export\n${progress(remaining)}\n${lines.join('\n')}`,
    );
  // Per format: the empty ledger, the full one, and the full one with the heap capped: if the
  // capped run finishes near the floor, the export holds no rows and the rest is unswept garbage.
  const runs = [
    { rows: 0, options: '' },
    { rows: exportRows, options: '' },
    { rows: exportRows, options: '--max-old-space-size=96' },
  ];
  let remaining = dialects.length * 2 * runs.length;
  for (const dialect of dialects) {
    const empty = await createEmptyDatabase(dialect);
    const full = await createEmptyDatabase(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-export-'));
    try {
      await seed(parseDatabaseUrl(empty.url), 0, log);
      await seed(parseDatabaseUrl(full.url), exportRows, log);
      for (const format of ['csv', 'xlsx'] as const) {
        for (const run of runs) {
          const url = run.rows ? full.url : empty.url;
          const figure = measureExport(url, dir, format, run.options);
          log(
            `export ${dialect} ${format} ${run.rows} ${run.options}: ${figure.seconds} s, ${figure.peakMiB.toFixed(0)} MiB`,
          );
          lines.push(
            `| ${dialect} | ${format} | ${run.rows} | ${run.options || '—'} | ${figure.seconds.toFixed(1)} | ${figure.peakMiB.toFixed(0)} | ${figure.fileMiB.toFixed(1)} | ${(loadavg()[0] ?? 0).toFixed(1)} |`,
          );
          flush(--remaining);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await empty.remove();
      await full.remove();
    }
  }
}
