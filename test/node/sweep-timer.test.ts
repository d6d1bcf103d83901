/**
 * The escalation sweep inside the Node server: `ESCALATION_INTERVAL_MS` starts it with the
 * server, and closing the server stops it before the database closes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { startServer } from '../../src/node/server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('sweep interval in the Node server', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should flag an overdue complaint on its own and stop with the server', async () => {
    const { row } = await registerComplaint(database.ledger, {
      input: {
        source: 'referral',
        content: '卫生间顶棚漏水一个多月，物业维修一直不到场',
        category: '工程质量',
        receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      },
    });
    expect(row.overdue).toBe(false);

    const server = await startServer({
      env: {
        DATABASE_URL: database.url,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ESCALATION_INTERVAL_MS: '20',
      },
    });
    try {
      await vi.waitFor(
        async () => {
          const stored = await database.db.prisma.complaint.findUniqueOrThrow({
            where: { ref: row.ref },
          });
          expect(stored.overdue).toBe(true);
        },
        { timeout: 15_000, interval: 50 },
      );
    } finally {
      await server.close();
    }
    const sweeps = await database.db.prisma.auditEntry.findMany({ where: { action: 'sweep' } });
    expect(sweeps.map((entry) => entry.actorId)).toEqual(['server:sweep']);
  });
});
