import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFeedbackValue } from '../../src/chat/follow-up.ts';
import { addProgress } from '../../src/ledger/add-progress.ts';
import { followUpPort } from '../../src/ledger/follow-ups.ts';
import { getHistory } from '../../src/ledger/get-history.ts';
import { reopenComplaint } from '../../src/ledger/reopen-complaint.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { setAssignmentRules } from '../../src/ledger/set-assignment-rules.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import { testDialect } from '../support/database.ts';
import {
  bossOrigin,
  createWorkflowFixture,
  day,
  hour,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

describe(`the seven handling steps on ${testDialect}`, () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent', '维修组');
    await f.staff('boss', 'supervisor', '维修组');
    await setAssignmentRules(f.ledger, {
      input: { rules: [{ category: '工程维修', team: '维修组' }] },
      origin: bossOrigin,
    });
  });
  afterEach(() => f.drop());

  it('should register, assign, progress, resolve, ask, take the verdict, close and reopen', async () => {
    // 1. Register: the level, the due dates and, by the rule, the assignee.
    const registered = await f.register({
      source: 'wechat',
      complainant: { channelId: 'openid-li', name: '李女士' },
      content: '卫生间天花板漏水，墙面发霉',
      category: '工程维修',
      location: { project: '森林湖', building: '3', room: '1202' },
      facts: { impairment: 'impaired', amountYuan: 8_000 },
    });
    const { ref } = registered;
    expect(registered).toMatchObject({
      status: 'pending',
      level: 2,
      levelRule: 'property:impaired',
      resolutionDueAt: new Date(registered.receivedAt.getTime() + 7 * day),
    });

    // 2. Assign: the team's turn falls on its first member.
    expect(registered.assignee).toBe('boss');

    // 3. Progress: the first entry is the first response and starts the handling.
    f.advance(2 * hour);
    const started = await addProgress(f.ledger, {
      ref,
      input: { text: '已上门查看，楼上防水层破损' },
      origin: staffOrigin,
    });
    expect(started).toMatchObject({ status: 'in_progress', firstRespondedAt: f.clock.now });

    // 4. Resolve, which 5. asks the customer in the chat they came from.
    f.advance(2 * day);
    const resolved = await resolveComplaint(f.ledger, {
      ref,
      input: { solution: '重做楼上防水层，修补天花板', resolution: '已修复，连续三天无渗漏' },
      origin: staffOrigin,
    });
    expect(resolved).toMatchObject({ status: 'resolved', followUpAskedAt: f.clock.now });
    expect(f.sent.map((message) => message.userId)).toEqual(['openid-li']);
    const choice = f.sent[0]?.replies[0]?.choices?.find((item) => item.value.endsWith(':5'));
    const verdict = readFeedbackValue(choice?.value ?? '');
    expect(verdict).toEqual({ ref, satisfaction: 5 });

    // 6. Feedback: the answer comes back through the engine's port and 7. closes it.
    const port = followUpPort(f.ledger);
    expect(await port.pending('wechat', 'openid-li')).toEqual({ ref });
    f.advance(hour);
    await port.answer({ ref, satisfaction: verdict?.satisfaction ?? 0, at: f.clock.now });
    const closed = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 5, followedUpAt: f.clock.now });

    // And a supervisor may reopen it.
    f.advance(day);
    const reopened = await reopenComplaint(f.ledger, {
      ref,
      reason: '业主反映再次渗漏',
      origin: bossOrigin,
    });
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, satisfaction: null });

    const history = await getHistory(f.ledger, { ref });
    expect(history.assignments.map((event) => [event.assignee, event.rule])).toEqual([
      ['boss', 'rule 1 (工程维修/*) -> 维修组'],
    ]);
    expect(history.audit.map((entry) => [entry.action, entry.actorId])).toEqual([
      ['register', 'wang'],
      ['progress', 'wang'],
      ['resolve', 'wang'],
      ['follow-up.ask', 'wang'],
      ['follow-up.answer', 'customer:wechat'],
      ['reopen', 'boss'],
    ]);
    expect(history.tasks).toEqual([]);
    expect(await verifyAudit(f.ledger)).toEqual({
      ok: true,
      entries: 7,
      complaints: 1,
      untracked: 0,
    });
  });
});
