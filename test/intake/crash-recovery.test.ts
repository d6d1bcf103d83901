import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { parseDatabaseUrl } from '../../src/db/url.ts';
import { acceptEvent } from '../../src/intake/inbox.ts';
import { createLedgerContext, type LedgerContext } from '../../src/ledger/context.ts';
import { silentLogger } from '../../src/logger.ts';
import { createEmptyDatabase } from '../support/database.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { callRecord, hotlineSecret, signedInit } from '../support/webhooks.ts';

const deliveries = Array.from({ length: 120 }, (_, i) => ({
  id: `msg_crash_${i}`,
  body: callRecord({ callId: `CALL-${i}`, caller: `1380000${String(i).padStart(4, '0')}` }),
}));

describe('crash between the inbox commit and normalization', () => {
  let database: { url: string; remove(): Promise<void> };
  let server: ServerProcess | undefined;
  beforeEach(async () => {
    database = await createEmptyDatabase();
  });
  afterEach(async () => {
    await server?.stop();
    await database.remove();
  });

  const env = () => ({
    DATABASE_URL: database.url,
    HOTLINE_WEBHOOK_SECRET: hotlineSecret,
    LOG_LEVEL: 'info',
  });

  /** Posts every delivery, a few at a time, until the server dies; returns the acknowledged. */
  async function sendUntilKilled(url: string, killAfter: number) {
    const acked = new Map<string, string>();
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++];
        if (!delivery) return;
        try {
          const res = await fetch(`${url}/webhooks/hotline`, signedInit(delivery));
          if (res.ok) acked.set(delivery.body.callId as string, (await res.json()).ref);
          if (acked.size === killAfter) void server?.kill();
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return acked;
  }

  it('should lose no acknowledged delivery and file each exactly once after a restart', {
    timeout: 120_000,
  }, async () => {
    server = await startServerProcess(env());
    const acked = await sendUntilKilled(server.url, 40);
    await server.kill();
    expect(acked.size).toBeGreaterThanOrEqual(40);

    // And one event caught exactly between its commit and its normalization.
    const target = parseDatabaseUrl(database.url);
    await migrate(target);
    const db = openDatabase(target);
    const settings = loadSettings({ DATABASE_URL: database.url });
    const ledger: LedgerContext = createLedgerContext(settings, db, silentLogger());
    const stranded = callRecord({ callId: 'CALL-STRANDED', caller: '13911112222' });
    await acceptEvent(ledger, {
      channel: 'hotline',
      deliveryKey: 'hotline:msg_stranded',
      body: JSON.stringify(stranded),
    });

    server = await startServerProcess(env());
    expect(await db.prisma.inboxEvent.count({ where: { status: 'received' } })).toBe(0);
    const stored = await db.prisma.complaint.findMany({ select: { ref: true, sourceRef: true } });
    const refByCall = new Map(stored.map((row) => [row.sourceRef, row.ref]));
    for (const [callId, ref] of acked) expect(refByCall.get(callId)).toBe(ref);
    expect(refByCall.has('CALL-STRANDED')).toBe(true);
    expect(stored).toHaveLength(refByCall.size);

    // The sender redelivers what it never heard back about (and, harmlessly, the rest).
    const url = server.url;
    const answers = await Promise.all(
      deliveries.map(async (delivery) => {
        const res = await fetch(`${url}/webhooks/hotline`, signedInit(delivery));
        return {
          callId: delivery.body.callId as string,
          status: res.status,
          ...(await res.json()),
        };
      }),
    );
    for (const answer of answers) {
      expect([200, 201]).toContain(answer.status);
      const known = acked.get(answer.callId);
      if (known) expect(answer.ref).toBe(known);
    }
    const calls = await db.prisma.complaint.groupBy({ by: ['sourceRef'], _count: true });
    expect(calls).toHaveLength(deliveries.length + 1);
    expect(calls.every((call) => call._count === 1)).toBe(true);
    await db.close();
  });
});
