import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProgress } from '../../src/ledger/add-progress.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { recordFeedback } from '../../src/ledger/record-feedback.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { codeOf, createWorkflowFixture, staffOrigin, type WorkflowFixture } from './support.ts';

describe('addProgress', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
  });
  afterEach(() => f.drop());

  it('should store who, when and what with its files, and start a pending complaint', async () => {
    const { ref } = await f.register();
    f.advance(30 * 60_000);
    const at = new Date(f.clock.now);
    const row = await addProgress(f.ledger, {
      ref,
      input: {
        text: '已联系电梯公司上门检修',
        attachments: [{ kind: 'image', url: 'https://files.example/lift.jpg' }],
      },
      origin: staffOrigin,
    });

    expect(row.status).toBe('in_progress');
    expect(row.firstRespondedAt).toEqual(at);
    const entries = await f.db.prisma.progressEntry.findMany({ include: { attachments: true } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ author: 'wang', at, text: '已联系电梯公司上门检修' });
    expect(entries[0]?.attachments.map((file) => [file.kind, file.url, file.complaintId])).toEqual([
      ['image', 'https://files.example/lift.jpg', row.id],
    ]);
  });

  it('should keep the first response time when more entries follow', async () => {
    const { ref } = await f.register();
    await addProgress(f.ledger, { ref, input: { text: '第一次回复' }, origin: staffOrigin });
    const first = new Date(f.clock.now);
    f.advance(3_600_000);
    const row = await addProgress(f.ledger, {
      ref,
      input: { text: '二次跟进' },
      origin: staffOrigin,
    });

    expect(row.firstRespondedAt).toEqual(first);
    expect(row.progress?.map((entry) => entry.text)).toEqual(['第一次回复', '二次跟进']);
  });

  it.each([
    ['blank text', { text: '   ' }],
    ['text over 5000 characters', { text: 'x'.repeat(5001) }],
    ['an unknown file kind', { text: '有附件', attachments: [{ kind: 'pdf', url: 'x' }] }],
  ])('should refuse %s with validation_failed', async (_name, input) => {
    const { ref } = await f.register();
    expect(
      await codeOf(addProgress(f.ledger, { ref, input: input as never, origin: staffOrigin })),
    ).toBe('validation_failed');
    expect(await f.db.prisma.progressEntry.count()).toBe(0);
  });

  it('should refuse progress on a closed complaint', async () => {
    const { ref } = await f.register();
    await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
    await resolveComplaint(f.ledger, { ref, input: { resolution: '已修复' }, origin: staffOrigin });
    await recordFeedback(f.ledger, { ref, input: { satisfaction: 5 }, origin: staffOrigin });

    expect(
      await codeOf(addProgress(f.ledger, { ref, input: { text: '补充' }, origin: staffOrigin })),
    ).toBe('invalid_transition');
  });
});

describe('resolveComplaint', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
  });
  afterEach(() => f.drop());

  it('should store the solution and the resolution and when it was resolved', async () => {
    const { ref } = await f.register();
    await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
    f.advance(86_400_000);
    const row = await resolveComplaint(f.ledger, {
      ref,
      input: { solution: '更换电梯主板', resolution: '电梯已恢复运行' },
      origin: staffOrigin,
    });

    expect(row).toMatchObject({
      status: 'resolved',
      solution: '更换电梯主板',
      resolution: '电梯已恢复运行',
      resolvedAt: f.clock.now,
    });
  });

  it.each([[{}], [{ resolution: ' ' }], [{ resolution: '好', extra: 1 }]])(
    'should refuse %j with validation_failed',
    async (input) => {
      const { ref } = await f.register();
      await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
      const refused = resolveComplaint(f.ledger, {
        ref,
        input: input as never,
        origin: staffOrigin,
      });
      expect(await codeOf(refused)).toBe('validation_failed');
      const row = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
      expect(row.status).toBe('in_progress');
    },
  );
});
