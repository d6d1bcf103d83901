import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignComplaint } from '../../src/ledger/assign-complaint.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { recordFeedback } from '../../src/ledger/record-feedback.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import {
  bossOrigin,
  codeOf,
  createWorkflowFixture,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

describe('concurrent changes to one complaint', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent');
    await f.staff('zhao', 'agent');
  });
  afterEach(() => f.drop());

  const actions = (f: WorkflowFixture, action: string) =>
    f.db.prisma.auditEntry.count({ where: { action } });

  it('should take one of two verdicts arriving together and refuse the other', async () => {
    const { ref } = await f.register();
    await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
    await resolveComplaint(f.ledger, { ref, input: { resolution: '已修复' }, origin: staffOrigin });

    const outcomes = await Promise.all(
      [5, 1].map((satisfaction) =>
        codeOf(recordFeedback(f.ledger, { ref, input: { satisfaction }, origin: staffOrigin })),
      ),
    );

    expect(outcomes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(outcomes.filter((code) => code === 'conflict')).toHaveLength(1);
    expect(await actions(f, 'follow-up.answer')).toBe(1);
    const row = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    const tasks = await f.db.prisma.staffTask.count({ where: { kind: 'review_verdict' } });
    // A satisfied verdict closes it with no review; a dissatisfied one leaves both behind.
    expect([row.status, tasks]).toEqual(row.satisfaction === 5 ? ['closed', 0] : ['resolved', 1]);
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });

  it('should start a complaint once when two agents start it together', async () => {
    const { ref } = await f.register();
    const outcomes = await Promise.all(
      [0, 1].map(() =>
        codeOf(changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin })),
      ),
    );
    expect(outcomes.sort()).toEqual(['conflict', 'ok']);
    expect(await actions(f, 'status.in_progress')).toBe(1);
  });

  it('should keep the chain whole under concurrent assignments', async () => {
    const { ref } = await f.register();
    const outcomes = await Promise.all(
      ['wang', 'zhao'].map((assignee) =>
        codeOf(assignComplaint(f.ledger, { ref, assignee, origin: bossOrigin })),
      ),
    );
    expect(outcomes).toContain('ok');
    const events = await f.db.prisma.assignmentEvent.findMany({ orderBy: { id: 'asc' } });
    const row = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    // Whatever won, the complaint, its assignment history and the trail agree.
    expect(events.at(-1)?.assignee).toBe(row.assignee);
    expect(events).toHaveLength(outcomes.filter((code) => code === 'ok').length);
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });
});
