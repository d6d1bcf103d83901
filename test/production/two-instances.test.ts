/**
 * Several instances behind a load balancer: two `taizhang serve` processes share one PostgreSQL
 * database and take a concurrent flood of deliveries in which every event arrives several times,
 * at both instances. It runs on the PostgreSQL pass only: a SQLite file is for one process (two
 * processes writing one file get SQLITE_BUSY under load, as the README says).
 *
 * Deliveries go through `deliver`, the one place a request is made: when the API asks for a
 * bearer token, add the header there. Signed webhooks join the flood as further kinds of
 * delivery once the hotline and LINE channels are merged (see the note at `deliveries`).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, postgresApplicationName } from '../../src/db/client.ts';
import { parseDatabaseUrl } from '../../src/db/url.ts';
import { runCli } from '../support/cli.ts';
import { createEmptyDatabase, testDialect } from '../support/database.ts';
import { type Gateway, startGateway } from '../support/gateway.ts';

const poolSize = 3;
const events = 40;
const copies = 3;

interface Delivered {
  key: string;
  status: number;
  ref: string | undefined;
}

/** A delivery as it goes over the wire: a signed webhook's body is the exact signed bytes. */
interface Delivery {
  key: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** The API's bearer token, made with `token create` once the instances have migrated. */
let apiHeaders: Record<string, string> = {};

/** One delivery to one instance. Auth, when the API requires it, is a header added here. */
async function deliver(gateway: Gateway, delivery: Delivery): Promise<Delivered> {
  const { key, path, body } = delivery;
  const headers = path.startsWith('/api/')
    ? { ...apiHeaders, ...delivery.headers }
    : delivery.headers;
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers, body });
  const json = (await response.json()) as { ref?: string };
  return { key, status: response.status, ref: json.ref };
}

/**
 * Event `i` as an API registration. A signed hotline webhook or a LINE webhook is another event
 * kind: a function like this one that returns `/webhooks/<name>`, the signed body and the
 * signature headers (from the channel's test signer, with the secret in `env` below).
 */
function apiEvent(i: number): Delivery {
  const key = `hotline-call-${String(i).padStart(3, '0')}`;
  const body = {
    source: 'hotline',
    dedupeKey: key,
    sourceRef: key,
    content: `第${i}号来电：电梯故障`,
    category: '物业服务',
    complainant: { phone: '13812345678' },
  };
  return {
    key,
    path: '/api/complaints',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * Every event `copies` times: the first copy to one instance, the second to the other, the rest
 * alternating, all in flight together. The same bytes each time, as a platform redelivers.
 */
function deliveries(gateways: Gateway[]): Promise<Delivered>[] {
  const sent: Promise<Delivered>[] = [];
  const all = Array.from({ length: events }, (_, i) => apiEvent(i));
  for (let copy = 0; copy < copies; copy++) {
    all.forEach((delivery, i) => {
      sent.push(deliver(gateways[(i + copy) % gateways.length] as Gateway, delivery));
    });
  }
  return sent;
}

/** Samples the ledger's PostgreSQL sessions until `done` settles; returns the most seen at once. */
async function peakConnections(url: string, done: Promise<unknown>): Promise<number> {
  const database = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url, application_name: 'taizhang-test' });
  await client.connect();
  let peak = 0;
  let finished = false;
  done.finally(() => {
    finished = true;
  });
  try {
    while (!finished) {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database, postgresApplicationName],
      );
      peak = Math.max(peak, Number(rows[0]?.n));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
  return peak;
}

describe.skipIf(testDialect !== 'postgresql')('two instances sharing one PostgreSQL', () => {
  let database: { url: string; remove(): Promise<void> };
  let gateways: Gateway[] = [];

  beforeAll(async () => {
    database = await createEmptyDatabase('postgresql');
    // Channel secrets (HOTLINE_WEBHOOK_SECRET, LINE_CHANNEL_SECRET ...) go here with the rest.
    const env = {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(poolSize),
      DATABASE_TIMEOUT_MS: '20000',
    };
    // Both start on an empty database at once: the migration lock lets one migrate.
    gateways = await Promise.all([startGateway(env), startGateway(env)]);
    const token = await runCli(['token', 'create', '--role', 'agent', '--name', 'flood'], env);
    apiHeaders = { authorization: `Bearer ${token.out.trim()}` };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.child.stop()));
    await database?.remove();
  });

  it('should turn every event into exactly one complaint with its own ref', async () => {
    const flood = Promise.all(deliveries(gateways));
    const peak = peakConnections(database.url, flood);
    const results = await flood;

    expect(results.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(events);
    const refByKey = new Map<string, Set<string | undefined>>();
    for (const result of results) {
      refByKey.set(result.key, (refByKey.get(result.key) ?? new Set()).add(result.ref));
    }
    expect([...refByKey.values()].every((refs) => refs.size === 1)).toBe(true);

    const db = openDatabase(parseDatabaseUrl(database.url));
    try {
      const stored = await db.prisma.complaint.findMany({ select: { ref: true, dedupeKey: true } });
      expect(stored).toHaveLength(events);
      // Refs drawn in transactions: no collisions and, since losers roll back, no gaps either.
      const expected = Array.from({ length: events }, (_, i) => String(i + 1).padStart(3, '0'));
      expect(stored.map((row) => row.ref).sort()).toEqual(expected);
      for (const row of stored) {
        expect(refByKey.get(row.dedupeKey ?? '')).toEqual(new Set([row.ref]));
      }
    } finally {
      await db.close();
    }

    expect(await peak).toBeLessThanOrEqual(poolSize * gateways.length);
  });

  it('should have let exactly one instance apply the migrations', async () => {
    const applied = gateways.filter((g) => g.child.output().includes('migrations applied'));
    expect(applied).toHaveLength(1);
  });
});
