import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFeedbackValue } from '../../src/chat/follow-up.ts';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import { assignComplaint } from '../../src/ledger/assign-complaint.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { followUpPort } from '../../src/ledger/follow-ups.ts';
import { recordFeedback } from '../../src/ledger/record-feedback.ts';
import { reopenComplaint } from '../../src/ledger/reopen-complaint.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { runEscalation } from '../../src/ledger/run-escalation.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import {
  bossOrigin,
  codeOf,
  createWorkflowFixture,
  day,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

const byChat: Partial<ComplaintInput> = {
  source: 'wechat',
  complainant: { channelId: 'openid-zhang' },
};

describe('the follow-up visit', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent');
    await f.staff('boss', 'supervisor');
  });
  afterEach(() => f.drop());

  const resolved = async (input: Partial<ComplaintInput>) => {
    const { ref } = await f.register(input);
    await changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin });
    return resolveComplaint(f.ledger, {
      ref,
      input: { resolution: '已修复' },
      origin: staffOrigin,
    });
  };
  const tasks = () =>
    f.db.prisma.staffTask.findMany({
      orderBy: { id: 'asc' },
      select: { kind: true, dedupeKey: true, doneAt: true, note: true },
    });

  it('should ask a chat complainant in their channel and close on a satisfied answer', async () => {
    const row = await resolved(byChat);

    expect(row.followUpAskedAt).toEqual(f.clock.now);
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]?.userId).toBe('openid-zhang');
    const values = f.sent[0]?.replies[0]?.choices?.map((choice) => choice.value) ?? [];
    expect(values.map(readFeedbackValue)).toEqual(
      [1, 2, 3, 4, 5].map((satisfaction) => ({ ref: row.ref, satisfaction })),
    );
    expect(await tasks()).toEqual([]);

    const port = followUpPort(f.ledger);
    expect(await port.pending('wechat', 'openid-zhang')).toEqual({ ref: row.ref });
    f.advance(3_600_000);
    const at = new Date(f.clock.now);
    await port.answer({ ref: row.ref, satisfaction: 4, comment: '修得很快', at });

    const answered = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref: row.ref } });
    expect(answered).toMatchObject({
      status: 'closed',
      satisfaction: 4,
      feedbackComment: '修得很快',
      followedUpAt: at,
    });
    expect(await port.pending('wechat', 'openid-zhang')).toBeNull();
  });

  it.each([
    ['a hotline complaint', { source: 'hotline' } as const],
    ['a chat complaint without a channel identity', { source: 'wechat' } as const],
    [
      'a chat channel with no sender',
      { source: 'line', complainant: { channelId: 'U1' } } as const,
    ],
  ])('should make a callback task for %s', async (_name, input) => {
    const row = await resolved(input);
    expect(f.sent).toEqual([]);
    expect(row.followUpAskedAt).toEqual(f.clock.now);
    expect(await tasks()).toEqual([
      { kind: 'callback', dedupeKey: `callback:${row.ref}:0`, doneAt: null, note: null },
    ]);
  });

  it('should fall back to a callback task when the chat message fails', async () => {
    f.ledger.senders.wechat = {
      channel: 'wechat',
      send: async () => {
        throw new Error('platform said 45015');
      },
    };
    await resolved(byChat);
    expect((await tasks()).map((task) => task.kind)).toEqual(['callback']);
  });

  it('should still record the question when staff change the complaint while it is sent', async () => {
    f.ledger.senders.wechat = {
      channel: 'wechat',
      // A reassignment lands while the platform is still answering.
      send: async () => {
        await assignComplaint(f.ledger, { ref: 'W001', assignee: 'boss', origin: bossOrigin });
      },
    };
    const row = await resolved(byChat);
    expect(row).toMatchObject({ ref: 'W001', assignee: 'boss', followUpAskedAt: f.clock.now });
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true });
  });

  it('should make a staff task when nobody answers within three days, once', async () => {
    const row = await resolved(byChat);
    f.advance(3 * day - 1);
    expect((await runEscalation(f.ledger)).tasks).toBe(0);

    f.advance(1);
    expect((await runEscalation(f.ledger)).tasks).toBe(1);
    expect((await runEscalation(f.ledger)).tasks).toBe(0);
    expect(await tasks()).toEqual([
      {
        kind: 'follow_up_unanswered',
        dedupeKey: `follow_up_unanswered:${row.ref}:0`,
        doneAt: null,
        note: null,
      },
    ]);
    expect(f.notifications.map((n) => [n.kind, n.ref, n.notify])).toEqual([
      ['follow_up_unanswered', row.ref, ['boss']],
    ]);

    // A late answer still counts and closes the staff task.
    await recordFeedback(f.ledger, {
      ref: row.ref,
      input: { satisfaction: 5 },
      origin: staffOrigin,
    });
    expect((await tasks())[0]?.note).toBe('verdict 5');
  });

  it('should let the supervisor reopen after a dissatisfied answer', async () => {
    const row = await resolved(byChat);
    await followUpPort(f.ledger).answer({ ref: row.ref, satisfaction: 2, at: f.clock.now });

    const judged = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref: row.ref } });
    expect(judged).toMatchObject({ status: 'resolved', satisfaction: 2 });
    expect(f.notifications.map((n) => [n.kind, n.notify])).toEqual([['dissatisfied', ['boss']]]);
    expect((await tasks()).map((task) => task.kind)).toEqual(['review_verdict']);
    expect(
      await codeOf(
        recordFeedback(f.ledger, { ref: row.ref, input: { satisfaction: 5 }, origin: staffOrigin }),
      ),
    ).toBe('invalid_transition');

    const reopened = await reopenComplaint(f.ledger, {
      ref: row.ref,
      reason: '业主仍不满意，重新处理',
      origin: bossOrigin,
    });
    expect(reopened).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      satisfaction: null,
      followUpAskedAt: null,
      followedUpAt: null,
    });
    expect((await tasks())[0]).toMatchObject({ kind: 'review_verdict', note: 'reopened' });

    // The next round asks again and opens its own tasks.
    await resolveComplaint(f.ledger, {
      ref: row.ref,
      input: { resolution: '再次维修' },
      origin: staffOrigin,
    });
    expect(f.sent).toHaveLength(2);
    f.advance(3 * day);
    expect((await runEscalation(f.ledger)).tasks).toBe(1);
    expect((await tasks()).at(-1)?.dedupeKey).toBe(`follow_up_unanswered:${row.ref}:1`);
  });

  it('should refuse a verdict for a complaint not awaiting one', async () => {
    const { ref } = await f.register(byChat);
    expect(
      await codeOf(
        recordFeedback(f.ledger, { ref, input: { satisfaction: 5 }, origin: staffOrigin }),
      ),
    ).toBe('invalid_transition');
    const row = await resolved(byChat);
    expect(
      await codeOf(
        recordFeedback(f.ledger, { ref: row.ref, input: { satisfaction: 6 }, origin: staffOrigin }),
      ),
    ).toBe('validation_failed');
  });
});
