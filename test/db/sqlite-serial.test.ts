import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// On PostgreSQL each query has its own pooled connection; the case only arose on SQLite.
describe('writes beside an open transaction', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should keep a write made while another transaction rolls back', async () => {
    const { prisma } = database.db;
    const event = (deliveryKey: string) => ({
      data: { channel: 'test', deliveryKey, body: '{}', receivedAt: new Date() },
    });
    let inside: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const failing = prisma
      .$transaction(async (tx) => {
        await tx.inboxEvent.create(event('rolled-back'));
        inside();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('registration failed');
      })
      .catch((error: Error) => error.message);

    await started;
    await prisma.inboxEvent.create(event('acknowledged'));

    expect(await failing).toBe('registration failed');
    const kept = await prisma.inboxEvent.findMany();
    expect(kept.map((row) => row.deliveryKey)).toEqual(['acknowledged']);
  });
});
