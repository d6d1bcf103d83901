/**
 * The list's text search with SQLite's FTS5 trigram index behind it (0009_indexes): the rows found
 * must be exactly those a plain substring match finds, through inserts, edits and deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countComplaints } from '../../src/ledger/count-complaints.ts';
import { findTextMatches, maxTextMatches } from '../../src/ledger/find-text-matches.ts';
import { listComplaints } from '../../src/ledger/list-complaints.ts';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { seed } from '../bench/seed.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../support/database.ts';

const contents = [
  '外墙大面积开裂，雨天渗水',
  'Lift BURST pipe on floor 3',
  '车库漏水，请物业处理 "紧急"',
  'cracks OR leaks near unit 5',
  '电梯异响很久了',
  '地下车库积水严重',
];

describe('text search', () => {
  let database: TestDatabase;
  const ids: number[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    // 600 seeded complaints all say 问题反映多次: too common for the id list.
    await seed(database.target, maxTextMatches + 100);
    for (const [i, content] of contents.entries()) {
      const { row } = await registerComplaint(database.ledger, {
        input: {
          source: 'hotline',
          receivedAt: '2026-11-20T02:00:00Z',
          content,
          category: '工程质量',
          complainant: { name: i === 0 ? '欧阳先生' : '李女士' },
          location: { project: i === 1 ? '郑州·森林湖' : '洛阳·龙门府' },
        },
      });
      ids.push(row.id);
    }
    // An edit and a delete after the insert: the triggers must keep the index in step.
    await database.db.prisma.complaint.update({
      where: { id: ids[4] },
      data: { content: '楼道灯坏了，晚上看不见' },
    });
    await database.db.prisma.complaint.delete({ where: { id: ids[5] } });
  }, 120_000);
  afterAll(async () => {
    await database.drop();
  });

  const expected = async (q: string) => {
    const rows = await database.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });
    // Prisma's contains is SQLite's LIKE, which folds ASCII case, and PostgreSQL's, which does not.
    const fold = (text: string) => (testDialect === 'sqlite' ? text.toLowerCase() : text);
    return rows
      .filter((row) =>
        [row.content, row.subject, row.complainantName, row.project].some(
          (field) => field !== null && fold(field).includes(fold(q)),
        ),
      )
      .map((row) => row.id);
  };

  it.each([
    ['a Chinese word of 3+ characters', '大面积开裂'],
    ['ASCII in another case', 'burst'],
    ['a complainant name', '欧阳先'],
    ['a project', '森林湖'],
    ['FTS query syntax, taken as words', 'cracks OR leaks'],
    ['a double quote', '"紧急"'],
    ['the deleted complaint', '车库积水'],
    ['the edited complaint, new words', '楼道灯坏'],
    ['the edited complaint, old words', '电梯异响'],
    ['2 characters, too short for trigrams', '渗水'],
    ['a word in every seeded row', '问题反映多次'],
    ['nothing', '完全不存在的词'],
  ])('should find exactly the substring matches for %s', async (_, q) => {
    const want = await expected(q);

    const listed = await listComplaints(database.ledger, { filter: { q, limit: 500 } });
    const count = await countComplaints(database.ledger, { filter: { q } });

    // A page holds 500 at most; the seeded word matches more, and the count tells them all.
    const got = listed.rows.map((row) => row.id).sort((a, b) => a - b);
    expect(got).toEqual(want.length > 500 ? got.filter((id) => want.includes(id)) : want);
    expect(got).toHaveLength(Math.min(want.length, 500));
    expect(count).toBe(want.length);
  });

  it('should find the expected rows in this table at all', async () => {
    expect(await expected('cracks OR leaks')).toEqual([ids[3]]);
    expect(await expected('"紧急"')).toEqual([ids[2]]);
    expect(await expected('车库积水')).toEqual([]);
    expect(await expected('电梯异响')).toEqual([]);
  });

  it("should keep D1's id list short enough for its 100 parameters", async () => {
    const d1 = { ...database.ledger, db: { ...database.db, maxParameters: 100 } };
    const q = '墙体开裂，第';
    const want = await expected(q);

    const here = await findTextMatches(database.ledger, { q });
    const there = await findTextMatches(d1, { q });
    const listed = await listComplaints(d1, { filter: { q, limit: 500 } });

    // Seeded complaints that open with 墙体开裂: more than D1's list of 50, fewer than 500.
    expect(want.length).toBeGreaterThan(50);
    expect(want.length).toBeLessThan(maxTextMatches);
    expect(here).toEqual(testDialect === 'sqlite' ? want : null);
    expect(there).toBeNull();
    expect(listed.rows.map((row) => row.id).sort((a, b) => a - b)).toEqual(want);
  });

  it('should use the index on SQLite for rare words only', async () => {
    const rare = await findTextMatches(database.ledger, { q: '大面积开裂' });
    const common = await findTextMatches(database.ledger, { q: '问题反映多次' });
    const short = await findTextMatches(database.ledger, { q: '渗水' });

    expect(rare).toEqual(testDialect === 'sqlite' ? [ids[0]] : null);
    expect(common).toBeNull();
    expect(short).toBeNull();
  });
});
