import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { overrideLevel } from '../../src/ledger/override-level.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import { similarity } from '../../src/workflow/similarity.ts';
import { bossOrigin, createWorkflowFixture, day, type WorkflowFixture } from './support.ts';

const lift = '森林湖小区3号楼电梯经常停运，困人两次，物业一直不修';
const liftAgain = '森林湖3号楼电梯又停运了，困人，物业不修';

describe('collective complaints', () => {
  let f: WorkflowFixture;
  let phone = 0;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    phone = 0;
  });
  afterEach(() => f.drop());

  /** A complaint from a new complainant about the lift, unless told otherwise. */
  const complain = (input: Partial<ComplaintInput> = {}) => {
    phone++;
    return f.register({
      content: lift,
      category: '工程维修',
      location: { project: '森林湖' },
      complainant: { phone: `1390000${String(phone).padStart(4, '0')}` },
      ...input,
    });
  };
  const rows = () => f.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });

  it('should find the two lift texts alike and an unrelated one not', () => {
    expect(similarity(lift, liftAgain)).toBeGreaterThanOrEqual(0.4);
    expect(similarity(lift, '楼下商铺油烟太大，影响开窗')).toBeLessThan(0.4);
  });

  it('should link the same matter into one group and count distinct complainants', async () => {
    const first = await complain();
    f.advance(day);
    await complain({ content: liftAgain });
    f.advance(day);
    // The first complainant again: one more complaint, not one more person.
    await complain({ complainant: { phone: first.complainantPhone ?? '' } });

    const group = await rows();
    expect(group.map((row) => [row.groupRef, row.groupComplainants])).toEqual([
      [first.ref, 2],
      [first.ref, 2],
      [first.ref, 2],
    ]);
    expect(group.map((row) => row.level)).toEqual([3, 3, 3]);
  });

  it('should raise the whole group to level 2 at three distinct complainants', async () => {
    await complain();
    await complain({ content: liftAgain });
    f.advance(29 * day);
    const third = await complain();

    expect(third).toMatchObject({ groupComplainants: 3, level: 2 });
    const group = await rows();
    expect(group.map((row) => [row.level, row.levelRule])).toEqual([
      [2, 'property:complainants>=3'],
      [2, 'property:complainants>=3'],
      [2, 'property:complainants>=3'],
    ]);
    // The older members' due dates follow their new level (7 days from their own intake).
    for (const row of group) {
      expect(row.resolutionDueAt).toEqual(new Date(row.receivedAt.getTime() + 7 * day));
    }
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });

  it('should raise the group to level 1 at ten complainants', async () => {
    for (let i = 0; i < 10; i++) await complain();
    const group = await rows();
    expect(new Set(group.map((row) => `${row.level} ${row.levelRule}`))).toEqual(
      new Set(['1 property:people>=10']),
    );
    expect(group.map((row) => row.groupComplainants)).toEqual(Array(10).fill(10));
  });

  it.each([
    ['another project', { location: { project: '翡翠城' } }],
    ['another category', { category: '物业服务' }],
    ['other content', { content: '楼下商铺油烟太大，影响开窗' }],
    ['no project', { location: {} }],
  ])('should keep a complaint about %s apart', async (_name, input) => {
    await complain();
    await complain();
    const other = await complain(input);
    expect(other).toMatchObject({ groupRef: null, groupComplainants: 1, level: 3 });
  });

  it('should keep apart a complaint more than a month after the others', async () => {
    await complain();
    await complain();
    f.advance(30 * day + 1);
    const late = await complain();
    expect(late).toMatchObject({ groupRef: null, groupComplainants: 1, level: 3 });
  });

  it('should leave a level a supervisor set by hand alone', async () => {
    const first = await complain();
    await overrideLevel(f.ledger, {
      ref: first.ref,
      input: { level: 3, reason: '业主误解，已解释' },
      origin: bossOrigin,
    });
    await complain();
    await complain();

    const [held, , third] = await rows();
    expect(held).toMatchObject({ level: 3, levelRule: 'override' });
    expect(third).toMatchObject({ groupComplainants: 3, level: 2 });
  });

  it('should not raise a member that is already resolved', async () => {
    const first = await complain();
    await changeStatus(f.ledger, { ref: first.ref, to: 'in_progress', origin: bossOrigin });
    await resolveComplaint(f.ledger, {
      ref: first.ref,
      input: { resolution: '已维修' },
      origin: bossOrigin,
    });
    await complain();
    await complain();

    const [done, second] = await rows();
    expect(done).toMatchObject({ status: 'resolved', level: 3, groupRef: first.ref });
    expect(second).toMatchObject({ level: 2, levelRule: 'property:complainants>=3' });
  });

  it('should rewrite only the members that join or rise as the group grows', async () => {
    for (let i = 0; i < 12; i++) await complain();
    const grouped = await f.db.prisma.auditEntry.groupBy({
      by: ['action'],
      where: { action: { startsWith: 'group.' } },
      _count: true,
      orderBy: { action: 'asc' },
    });
    // The first joins at the second; two rise at three complainants, nine at ten.
    expect(grouped.map((row) => [row.action, row._count])).toEqual([
      ['group.escalate', 11],
      ['group.link', 1],
    ]);
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });
});
