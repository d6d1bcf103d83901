/**
 * Paging through the list with its cursor: for every sort, the pages joined must be the whole
 * sorted list, each row once, ties and missing levels included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listComplaints, sortKeys } from '../../src/ledger/list-complaints.ts';
import { seed } from '../bench/seed.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('list pages', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.target, 300);
    // Ties in time, and complaints without a level, which the cursor must step over too.
    const prisma = database.db.prisma;
    await prisma.complaint.updateMany({
      where: { id: { lte: 40 } },
      data: { receivedAt: new Date('2025-06-01T00:00:00Z') },
    });
    await prisma.complaint.updateMany({
      where: { id: { in: [5, 6, 77, 78, 79] } },
      data: { level: null },
    });
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  it.each(sortKeys.flatMap((key) => [key, `-${key}`]))(
    'should return every row once in order when sorted by %s',
    async (sort) => {
      const whole = await listComplaints(database.ledger, { filter: { sort, limit: 500 } });
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listComplaints(database.ledger, { filter: { sort, limit: 37, cursor } });
        paged.push(...page.rows.map((row) => row.ref));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);

      expect(whole.rows).toHaveLength(300);
      expect(paged).toEqual(whole.rows.map((row) => row.ref));
    },
  );

  it('should return no rows after a cursor that names no complaint', async () => {
    const page = await listComplaints(database.ledger, { filter: { cursor: 'Z9999999' } });

    expect(page).toEqual({ rows: [], nextCursor: null });
  });
});
