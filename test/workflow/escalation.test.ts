import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProgress } from '../../src/ledger/add-progress.ts';
import { assignComplaint } from '../../src/ledger/assign-complaint.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { overrideLevel } from '../../src/ledger/override-level.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { runEscalation } from '../../src/ledger/run-escalation.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import {
  bossOrigin,
  createWorkflowFixture,
  day,
  hour,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

const stored = (f: WorkflowFixture, ref: string) =>
  f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });

/** Every table the sweep could write to, in full and in a fixed order. */
async function snapshot(f: WorkflowFixture) {
  const { prisma } = f.db;
  const byId = { orderBy: { id: 'asc' } } as const;
  return {
    complaints: await prisma.complaint.findMany(byId),
    audit: await prisma.auditEntry.findMany(byId),
    tasks: await prisma.staffTask.findMany(byId),
    assignments: await prisma.assignmentEvent.findMany(byId),
    extensions: await prisma.dueExtension.findMany(byId),
    progress: await prisma.progressEntry.findMany(byId),
  };
}

describe('runEscalation', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent', '一组');
    await f.staff('boss', 'supervisor');
    await f.staff('zhao', 'supervisor');
  });
  afterEach(() => f.drop());

  const registerAssigned = async (input: Parameters<WorkflowFixture['register']>[0] = {}) => {
    const { ref } = await f.register(input);
    await assignComplaint(f.ledger, { ref, assignee: 'wang', origin: bossOrigin });
    return ref;
  };

  it('should raise a level by age and notify the assignee and the supervisors', async () => {
    const ref = await registerAssigned();
    await addProgress(f.ledger, { ref, input: { text: '已受理' }, origin: staffOrigin });
    f.advance(15 * day - 1);
    expect(await runEscalation(f.ledger)).toMatchObject({ escalated: 0, overdue: 0 });

    f.advance(1);
    const summary = await runEscalation(f.ledger);

    expect(summary).toMatchObject({ checked: 1, escalated: 1, overdue: 1, responseOverdue: 0 });
    const row = await stored(f, ref);
    // Level 2 allows 7 days, long gone: the new due date is already missed.
    expect(row).toMatchObject({
      level: 2,
      levelRule: 'property:unresolved>=15d',
      resolutionDueAt: new Date(row.receivedAt.getTime() + 7 * day),
      overdue: true,
    });
    expect(f.notifications.map((n) => [n.kind, n.ref, n.assignee, n.notify])).toEqual([
      ['escalated', ref, 'wang', ['boss', 'zhao']],
      ['overdue', ref, 'wang', ['boss', 'zhao']],
    ]);
    expect(f.notifications[0]?.detail).toEqual({
      from: 3,
      to: 2,
      rule: 'property:unresolved>=15d',
    });

    f.advance(15 * day);
    await runEscalation(f.ledger);
    expect(await stored(f, ref)).toMatchObject({ level: 1, levelRule: 'property:unresolved>=30d' });
    expect(f.notifications.map((n) => n.kind)).toEqual(['escalated', 'overdue', 'escalated']);
  });

  it('should mark a missed first response and notify once', async () => {
    const ref = await registerAssigned();
    f.advance(48 * hour);
    expect(await runEscalation(f.ledger)).toMatchObject({ responseOverdue: 1, escalated: 0 });
    expect(await stored(f, ref)).toMatchObject({ responseOverdue: true, overdue: false });
    expect(f.notifications.map((n) => [n.kind, n.assignee])).toEqual([
      ['response_overdue', 'wang'],
    ]);
  });

  it('should leave the level and flags of a resolved complaint alone', async () => {
    const ref = await registerAssigned();
    await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
    await resolveComplaint(f.ledger, { ref, input: { resolution: '已修复' }, origin: staffOrigin });
    f.advance(2 * hour);
    const before = await stored(f, ref);
    f.advance(40 * day);

    const summary = await runEscalation(f.ledger);
    expect(summary).toMatchObject({ checked: 0, escalated: 0, overdue: 0 });
    expect(await stored(f, ref)).toMatchObject({ level: before.level, overdue: false });
  });

  it('should still raise a level set by hand once the complaint is old enough', async () => {
    const ref = await registerAssigned({ facts: { amountYuan: 20_000 } });
    await overrideLevel(f.ledger, {
      ref,
      input: { level: 3, reason: '金额有争议' },
      origin: bossOrigin,
    });
    await addProgress(f.ledger, { ref, input: { text: '已受理' }, origin: staffOrigin });
    f.advance(14 * day);
    // The amount would make it level 2, but the supervisor's level answers only to age.
    expect((await runEscalation(f.ledger)).escalated).toBe(0);

    f.advance(day);
    await runEscalation(f.ledger);
    expect(await stored(f, ref)).toMatchObject({ level: 2, levelRule: 'property:unresolved>=15d' });
  });

  it('should change nothing when run a second time', async () => {
    await registerAssigned({ content: '一号楼电梯停运' });
    await registerAssigned({ content: '二号楼漏水', facts: { media: true } });
    const answered = await registerAssigned({ content: '三号楼噪音' });
    await addProgress(f.ledger, { ref: answered, input: { text: '已联系' }, origin: staffOrigin });
    const resolved = await registerAssigned({ content: '四号楼门禁坏了' });
    await changeStatus(f.ledger, { ref: resolved, to: 'in_progress', origin: staffOrigin });
    await resolveComplaint(f.ledger, {
      ref: resolved,
      input: { resolution: '已更换门禁' },
      origin: staffOrigin,
    });
    f.advance(31 * day);

    const first = await runEscalation(f.ledger);
    expect(first).toMatchObject({ escalated: 2, overdue: 3, responseOverdue: 2, tasks: 1 });
    const notified = f.notifications.length;
    const after = await snapshot(f);

    const second = await runEscalation(f.ledger);
    expect(second).toMatchObject({ escalated: 0, overdue: 0, responseOverdue: 0, tasks: 0 });
    expect(await snapshot(f)).toEqual(after);
    expect(f.notifications).toHaveLength(notified);
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });
});
