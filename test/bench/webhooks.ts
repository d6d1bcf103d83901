/**
 * `npm run bench`: signed hotline webhooks per second end to end (verified, committed to the
 * inbox, normalized into the ledger, answered) and their latency, at 1, 16 and 64 connections,
 * against a baseline measured in the same run: a bare node:http server inserting the same row
 * with better-sqlite3. Both run as child processes on a fresh SQLite file; autocannon sends the
 * same unique, signed call records to both. Writes BENCHMARKS.md at the top level.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { migrateSqlite } from '../../src/db/migrate.ts';
import { signPayload } from '../../src/intake/standard-webhooks.ts';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const connectionLevels = [1, 16, 64];
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

interface Measured {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

let sequence = 0;

/** A fresh call record, signed, on every request: no delivery or call repeats another. */
function signedCall(request: autocannon.Request): autocannon.Request {
  const n = ++sequence;
  const id = `msg_bench_${process.pid}_${n}`;
  const body = JSON.stringify({
    callId: `BENCH-${n}`,
    caller: `139${String(n).padStart(8, '0')}`,
    startedAt: new Date().toISOString(),
    ivrKeys: ['2', '1'],
    recordingUrl: `https://ivr.example.com/recordings/BENCH-${n}.mp3`,
    captured: {
      complainantName: '王先生',
      summary: '卫生间顶棚漏水已一周，物业维修未到场',
      project: '郑州·森林湖',
      building: '3',
      unit: '2',
      room: '503',
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    ...request,
    method: 'POST',
    path: '/webhooks/hotline',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload({ secret, id, timestamp, body }),
    },
    body,
  };
}

async function start(command: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = ready.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function load(url: string, connections: number, duration: number): Promise<Measured> {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ setupRequest: signedCall }],
  });
  return {
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function measure(name: string, url: string): Promise<Measured[]> {
  await load(url, 16, 3); // warm-up: JIT, query plans, the first WAL pages
  const rows: Measured[] = [];
  for (const connections of connectionLevels) {
    const row = await load(url, connections, seconds);
    process.stderr.write(`${name} c=${connections}: ${row.rps.toFixed(0)} req/s\n`);
    rows.push(row);
  }
  return rows;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const nproc = execSync('nproc').toString().trim();
  return `${nproc} CPUs (nproc), ${cpu}, ${memory} memory, Node ${process.version}, ${process.platform}`;
}

function report(gateway: Measured[], baseline: Measured[]): string {
  const lines = [
    '| connections | gateway req/s | baseline req/s | ratio | gateway p50 / p99 ms | baseline p50 / p99 ms | errors (gateway / baseline) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  gateway.forEach((g, i) => {
    const b = baseline[i] as Measured;
    lines.push(
      `| ${g.connections} | ${g.rps.toFixed(0)} | ${b.rps.toFixed(0)} | ${(g.rps / b.rps).toFixed(3)} | ` +
        `${g.p50} / ${g.p99} | ${b.p50} / ${b.p99} | ${g.errors} / ${b.errors} |`,
    );
  });
  return lines.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'taizhang-bench-'));
try {
  const gatewayDb = join(dir, 'gateway.db');
  const gateway = await start(
    ['bin/taizhang.js', 'serve'],
    {
      DATABASE_URL: `file:${gatewayDb}`,
      PORT: '0',
      HOST: '127.0.0.1',
      HOTLINE_WEBHOOK_SECRET: secret,
      LOG_LEVEL: 'info',
    },
    /"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
  );
  // The request log goes on being written, as in production; drain it.
  gateway.child.stdout?.resume();
  const gatewayRows = await measure('gateway', gateway.url);
  await stop(gateway.child);

  const baselineDb = join(dir, 'baseline.db');
  migrateSqlite(baselineDb);
  const baseline = await start(
    ['test/bench/baseline-server.mjs', baselineDb],
    {},
    /^listening (\d+)$/,
  );
  const baselineRows = await measure('baseline', baseline.url);
  await stop(baseline.child);

  const text = `# Benchmarks

## Signed hotline webhooks, end to end (\`npm run bench\`)

Each request is a fresh, signed call record (\`POST /webhooks/hotline\`): the gateway verifies
the Standard Webhooks signature over the raw bytes, commits the raw event to the inbox, normalizes
it into the ledger (dedupe and repeat lookups, ref counter, complaint, recording attachment),
marks the event processed and answers with the ref. The baseline is a bare \`node:http\` server
(\`test/bench/baseline-server.mjs\`) that parses the same JSON and inserts the same complaint row
with better-sqlite3, nothing else. Both on the SQLite default, in WAL mode, as child processes;
autocannon runs in the bench process on the same machine, ${seconds} s per level after a 3 s
warm-up. Ratio = gateway / baseline throughput.

- Measured: ${new Date().toISOString()}
- Machine: ${machine()}
- Command: \`npm run bench\` (\`BENCH_SECONDS\` sets the seconds per level)

${report(gatewayRows, baselineRows)}

Known shortcoming: the issue's aim (at least half the baseline's throughput, p99 under 50 ms at
64 connections) is not met. Per webhook the gateway makes about a dozen Prisma queries (inbox
insert, dedupe and repeat lookups, the ref counter, complaint and attachment inserts and their
read-back, marking the event processed), each costing about a millisecond of CPU in Prisma 7's
query compiler and driver adapter on this machine, and one interactive transaction, which the
SQLite adapter runs one at a time on its single connection; more connections therefore only
queue. What would end it: a hot path of a few prepared statements (insert the inbox row and the
complaint in one transaction without the read-back, no pre-reads where a unique key already
decides), measured again here.
`;
  writeFileSync('BENCHMARKS.md', text);
  execSync('npx biome format --write BENCHMARKS.md', { stdio: 'ignore' });
  process.stdout.write(`${text}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
