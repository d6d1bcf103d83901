import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

describe(`refs under concurrency on ${testDialect}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('should give 240 concurrent registrations 240 distinct, gap-free refs per source', async () => {
    const sources = ['hotline', 'wechat', 'forum', 'referral'] as const;
    const registrations = Array.from({ length: 240 }, (_, i) =>
      registerComplaint(database.ledger, {
        input: {
          source: sources[i % sources.length] as (typeof sources)[number],
          content: `并发登记第${i}条`,
          category: '物业服务',
        },
      }),
    );

    const results = await Promise.all(registrations);

    const refs = results.map((r) => r.row.ref);
    expect(new Set(refs).size).toBe(240);
    expect(results.every((r) => r.created)).toBe(true);
    const wechat = refs.filter((ref) => ref.startsWith('W')).sort();
    expect(wechat).toEqual(
      Array.from({ length: 60 }, (_, i) => `W${String(i + 1).padStart(3, '0')}`),
    );
    expect(await database.db.prisma.complaint.count()).toBe(240);
  });

  it('should store one complaint for concurrent registrations with the same dedupe key', async () => {
    const input = {
      source: 'hotline' as const,
      dedupeKey: 'hotline:call:abc-123',
      content: '同一通电话被重复推送',
      category: '客户服务',
    };

    const results = await Promise.all(
      Array.from({ length: 50 }, () => registerComplaint(database.ledger, { input })),
    );

    expect(new Set(results.map((r) => r.row.ref)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(
      await database.db.prisma.complaint.count({ where: { dedupeKey: input.dedupeKey } }),
    ).toBe(1);
  });

  it('should continue numbering after a kept ref from an import', async () => {
    await registerComplaint(database.ledger, {
      input: { ref: 'Q120', source: 'referral', content: '转达的投诉', category: '客户服务' },
    });
    const next = await registerComplaint(database.ledger, {
      input: { source: 'referral', content: '下一条转达', category: '客户服务' },
    });
    expect(next.row.ref).toBe('Q121');
  });
});
