/**
 * Faults under a sustained signed-webhook ingest against the real server process: the server
 * killed with SIGKILL (SQLite), and the database crashing and coming back under a running server
 * (a private PostgreSQL cluster). The sender behaves as a Standard Webhooks sender does: whatever
 * it did not see a 2xx for it sends again. Every acknowledged delivery must be in the ledger with
 * the ref it was acknowledged with, and every delivery exactly once after the resends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { parseDatabaseUrl } from '../../src/db/url.ts';
import { createEmptyDatabase, testDialect } from '../support/database.ts';
import {
  type PrivatePostgres,
  postgresBinDir,
  startPrivatePostgres,
} from '../support/private-postgres.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { callRecord, hotlineSecret, signedInit } from '../support/webhooks.ts';

interface Delivery {
  id: string;
  callId: string;
  body: Record<string, unknown>;
}

const delivery = (i: number): Delivery => ({
  id: `msg_fault_${i}`,
  callId: `FAULT-${i}`,
  body: callRecord({ callId: `FAULT-${i}`, caller: `1390000${String(i).padStart(4, '0')}` }),
});

/** What the sender knows: the ref of each delivery answered 2xx, and the rest to send again. */
interface Ledgered {
  acked: Map<string, string>;
  unacked: Delivery[];
  sent: Delivery[];
}

/** One attempt; a refused connection or a non-2xx answer leaves the delivery unacknowledged. */
async function post(url: string, d: Delivery): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/webhooks/hotline`, signedInit(d));
    if (!response.ok) return undefined;
    return (await response.json()).ref;
  } catch {
    return undefined;
  }
}

/**
 * Sends new deliveries over `workers` connections until `done()` says so; `onAck` sees every
 * acknowledgement as it arrives, to inject the fault mid-stream.
 */
async function ingest(
  url: string,
  options: { workers: number; done(state: Ledgered): boolean; onAck(state: Ledgered): void },
): Promise<Ledgered> {
  const state: Ledgered = { acked: new Map(), unacked: [], sent: [] };
  let next = 0;
  const worker = async () => {
    while (!options.done(state) && next < 5_000) {
      const d = delivery(next++);
      state.sent.push(d);
      const ref = await post(url, d);
      if (ref) {
        state.acked.set(d.callId, ref);
        options.onAck(state);
      } else {
        state.unacked.push(d);
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return state;
}

/** Resends what was never acknowledged until all is, as a sender's retry schedule would. */
async function resendUnacked(url: string, state: Ledgered): Promise<void> {
  for (let round = 0; state.unacked.length > 0; round++) {
    if (round === 60) throw new Error(`${state.unacked.length} deliveries never acknowledged`);
    const pending = state.unacked.splice(0);
    for (const d of pending) {
      const ref = await post(url, d);
      if (ref) state.acked.set(d.callId, ref);
      else state.unacked.push(d);
    }
    if (state.unacked.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The redelivery of everything: each must come back with the ref first acknowledged. */
async function resendAll(url: string, state: Ledgered): Promise<Array<string | undefined>> {
  const mismatched: Array<string | undefined> = [];
  for (let i = 0; i < state.sent.length; i += 16) {
    const batch = state.sent.slice(i, i + 16);
    const refs = await Promise.all(batch.map((d) => post(url, d)));
    batch.forEach((d, j) => {
      if (refs[j] !== state.acked.get(d.callId)) mismatched.push(d.callId);
    });
  }
  return mismatched;
}

/** The ledger's view: each delivery's complaint refs, and the inbox rows. */
async function ledgerOf(databaseUrl: string) {
  const db = openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    const rows = await db.prisma.complaint.findMany({ select: { ref: true, sourceRef: true } });
    const refs = new Map<string, string[]>();
    for (const row of rows)
      refs.set(row.sourceRef ?? '', [...(refs.get(row.sourceRef ?? '') ?? []), row.ref]);
    return { refs, complaints: rows.length, inbox: await db.prisma.inboxEvent.count() };
  } finally {
    await db.close();
  }
}

function expectExactlyOnce(ledger: Awaited<ReturnType<typeof ledgerOf>>, state: Ledgered) {
  for (const [callId, ref] of state.acked) expect(ledger.refs.get(callId)).toEqual([ref]);
  expect(ledger.complaints).toBe(state.sent.length);
  expect(ledger.refs.size).toBe(state.sent.length);
  expect(ledger.inbox).toBe(state.sent.length);
}

const serverEnv = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  HOTLINE_WEBHOOK_SECRET: hotlineSecret,
  // The server says where it listens at info.
  LOG_LEVEL: 'info',
});

describe('SIGKILL in the middle of a sustained ingest (SQLite)', () => {
  let database: { url: string; remove(): Promise<void> } | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.remove();
  });

  it('should keep every acknowledged delivery, and each delivery once after resending', {
    timeout: 180_000,
  }, async () => {
    database = await createEmptyDatabase('sqlite');
    server = await startServerProcess(serverEnv(database.url));
    const first = server;
    let killed: Promise<void> | undefined;

    const state = await ingest(first.url, {
      workers: 16,
      done: () => killed !== undefined,
      onAck: (s) => {
        if (s.acked.size >= 150) killed ??= first.kill();
      },
    });
    await killed;
    // Requests were in flight when the process died: some never heard back.
    expect(state.acked.size).toBeGreaterThanOrEqual(150);
    expect(state.unacked.length).toBeGreaterThan(0);

    server = await startServerProcess(serverEnv(database.url));
    const afterRestart = await ledgerOf(database.url);
    for (const [callId, ref] of state.acked) expect(afterRestart.refs.get(callId)).toEqual([ref]);

    await resendUnacked(server.url, state);
    expect(await resendAll(server.url, state)).toEqual([]);
    expectExactlyOnce(await ledgerOf(database.url), state);
  });
});

const bin = postgresBinDir();
// The cluster is private whatever TEST_DATABASE says, so once per `npm test` is enough: the pass
// that runs the suite on PostgreSQL.
const postgresPass = testDialect === 'postgresql';

describe('PostgreSQL crashing and restarting under a sustained ingest', () => {
  let cluster: PrivatePostgres | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await cluster?.remove();
  });

  it.skipIf(!bin || !postgresPass)(
    'should keep every acknowledged delivery through the restart, and each delivery once' +
      (bin ? '' : ' (skipped: no initdb and pg_ctl under /usr/lib/postgresql/*/bin)') +
      (postgresPass ? '' : ' (runs in the PostgreSQL pass)'),
    { timeout: 300_000 },
    async () => {
      cluster = await startPrivatePostgres(bin as string);
      const pg = cluster;
      server = await startServerProcess(serverEnv(pg.url));
      let restarted: Promise<void> | undefined;
      let back = false;
      let ackedBeforeBack = 0;

      const state = await ingest(server.url, {
        workers: 16,
        // Go on until the database is back and the server has taken deliveries in again.
        done: (s) => back && s.acked.size >= ackedBeforeBack + 100,
        onAck: (s) => {
          if (s.acked.size < 150 || restarted) return;
          restarted = pg
            .crash()
            .then(() => pg.start())
            .then(() => {
              ackedBeforeBack = s.acked.size;
              back = true;
            });
        },
      });
      await restarted;

      // The server rode out the outage rather than dying with its connections.
      expect(server.child.exitCode).toBeNull();
      expect(state.unacked.length).toBeGreaterThan(0);
      await resendUnacked(server.url, state);
      expect(await resendAll(server.url, state)).toEqual([]);
      expectExactlyOnce(await ledgerOf(pg.url), state);
    },
  );
});
