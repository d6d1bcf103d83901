import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignComplaint } from '../../src/ledger/assign-complaint.ts';
import { getHistory } from '../../src/ledger/get-history.ts';
import { setAssignmentRules } from '../../src/ledger/set-assignment-rules.ts';
import { bossOrigin, codeOf, createWorkflowFixture, type WorkflowFixture } from './support.ts';

describe('assignComplaint', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent', '一组');
    await f.staff('zhao', 'supervisor', '一组');
    await f.staff('li', 'viewer', '一组');
    await f.staff('qian', 'agent', '一组');
    await f.db.prisma.staffUser.update({ where: { username: 'qian' }, data: { disabled: true } });
  });
  afterEach(() => f.drop());

  it('should make one person accountable and keep every earlier assignment', async () => {
    const { ref } = await f.register();
    await assignComplaint(f.ledger, { ref, assignee: 'wang', origin: bossOrigin });
    f.advance(60_000);
    const row = await assignComplaint(f.ledger, {
      ref,
      assignee: 'zhao',
      origin: bossOrigin,
      reason: '需要主管处理',
    });

    expect(row.assignee).toBe('zhao');
    const history = await getHistory(f.ledger, { ref });
    expect(
      history.assignments.map(({ assignee, previous, by, reason }) => ({
        assignee,
        previous,
        by,
        reason,
      })),
    ).toEqual([
      { assignee: 'wang', previous: null, by: 'boss', reason: null },
      { assignee: 'zhao', previous: 'wang', by: 'boss', reason: '需要主管处理' },
    ]);
    const actions = history.audit.map((entry) => entry.action);
    expect(actions).toEqual(['register', 'assign', 'reassign']);
    expect(JSON.parse(history.audit[2]?.before ?? '{}')).toEqual({ assignee: 'wang' });
    expect(JSON.parse(history.audit[2]?.after ?? '{}')).toMatchObject({ assignee: 'zhao' });
  });

  it.each(['li', 'qian', 'nobody'])('should refuse to assign to %s', async (assignee) => {
    const { ref } = await f.register();
    expect(await codeOf(assignComplaint(f.ledger, { ref, assignee, origin: bossOrigin }))).toBe(
      'validation_failed',
    );
    const row = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row.assignee).toBeNull();
    expect(await f.db.prisma.assignmentEvent.count()).toBe(0);
  });

  it('should answer complaint_not_found for an unknown ref', async () => {
    await expect(
      assignComplaint(f.ledger, { ref: 'W999', assignee: 'wang', origin: bossOrigin }),
    ).rejects.toMatchObject({ code: 'complaint_not_found', status: 404 });
  });
});

describe('assignment rules', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    for (const name of ['a1', 'a2', 'a3']) await f.staff(name, 'agent', '维修组');
    await f.staff('a4', 'viewer', '维修组');
    await f.staff('s1', 'supervisor', '维修组');
    await f.staff('b1', 'agent', '线上组');
    await f.staff('c1', 'agent', '值班组');
    await f.db.prisma.staffUser.update({ where: { username: 'a2' }, data: { disabled: true } });
    await setAssignmentRules(f.ledger, {
      input: {
        rules: [
          { category: '工程维修', team: '维修组' },
          { source: 'wechat', team: '线上组' },
          { team: '值班组' },
        ],
      },
      origin: bossOrigin,
    });
  });
  afterEach(() => f.drop());

  it('should take the first matching rule by category and source', async () => {
    const repair = await f.register({ source: 'wechat', category: '工程维修' });
    const online = await f.register({ source: 'wechat', category: '物业服务' });
    const other = await f.register({ source: 'hotline', category: '物业服务' });

    expect(repair.assignee).toMatch(/^(a1|a3|s1)$/);
    expect(online.assignee).toBe('b1');
    expect(other.assignee).toBe('c1');
    const events = await f.db.prisma.assignmentEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.map((event) => event.rule)).toEqual([
      'rule 1 (工程维修/*) -> 维修组',
      'rule 2 (*/wechat) -> 线上组',
      'rule 3 (*/*) -> 值班组',
    ]);
  });

  it('should take turns among active members only, evenly over several complaints', async () => {
    const assignees: string[] = [];
    for (let i = 0; i < 9; i++) {
      const row = await f.register({
        category: '工程维修',
        content: `第${i}号楼漏水 ${'查'.repeat(i)}`,
      });
      assignees.push(row.assignee ?? '-');
    }

    // a2 is disabled and a4 only views: a1, a3 and s1 each get three, in turn.
    expect(assignees).toEqual(['a1', 'a3', 's1', 'a1', 'a3', 's1', 'a1', 'a3', 's1']);
  });

  it('should leave a complaint unassigned when the team has nobody active', async () => {
    await f.db.prisma.staffUser.update({ where: { username: 'c1' }, data: { disabled: true } });
    const row = await f.register({ category: '物业服务' });
    expect(row.assignee).toBeNull();
    expect(await f.db.prisma.assignmentEvent.count()).toBe(0);
  });

  it('should refuse a rule without a team and keep the rules it had', async () => {
    const refused = setAssignmentRules(f.ledger, {
      input: { rules: [{ category: '工程维修' } as never] },
      origin: bossOrigin,
    });
    expect(await codeOf(refused)).toBe('validation_failed');
    expect(await f.db.prisma.assignmentRule.count()).toBe(3);
  });
});
