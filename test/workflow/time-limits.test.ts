import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import { addProgress } from '../../src/ledger/add-progress.ts';
import { extendDueDate } from '../../src/ledger/extend-due-date.ts';
import { pauseClock } from '../../src/ledger/pause-clock.ts';
import { resumeClock } from '../../src/ledger/resume-clock.ts';
import { runEscalation } from '../../src/ledger/run-escalation.ts';
import {
  bossOrigin,
  codeOf,
  createWorkflowFixture,
  day,
  hour,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

const receivedAt = '2026-06-01T02:00:00.000Z';
const afterIntake = (ms: number) => new Date(Date.parse(receivedAt) + ms);
const stored = (f: WorkflowFixture, ref: string) =>
  f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });

/** The documented property defaults (src/workflow/time-limits.ts): response / resolution. */
const propertyLimits: Array<[1 | 2 | 3, ComplaintInput['facts'], number, number]> = [
  [1, { media: true }, 2 * hour, 3 * day],
  [2, { impairment: 'impaired' }, 24 * hour, 7 * day],
  [3, {}, 48 * hour, 15 * day],
];

describe('due dates', () => {
  let f: WorkflowFixture;
  afterEach(() => f.drop());

  it.each(propertyLimits)('should give level %i its default limits', async (level, facts, r, d) => {
    f = await createWorkflowFixture({ start: receivedAt });
    const row = await f.register({ facts, receivedAt });
    expect(row.level).toBe(level);
    expect(row.firstResponseDueAt).toEqual(afterIntake(r));
    expect(row.resolutionDueAt).toEqual(afterIntake(d));
  });

  it('should take TIME_LIMITS over the preset', async () => {
    f = await createWorkflowFixture({ env: { TIME_LIMITS: '3:90m/5d' }, start: receivedAt });
    const row = await f.register({ receivedAt });
    expect(row.firstResponseDueAt).toEqual(afterIntake(90 * 60_000));
    expect(row.resolutionDueAt).toEqual(afterIntake(5 * day));
  });

  it('should give every level of the bank preset the regulator’s 15 days', async () => {
    f = await createWorkflowFixture({ env: { LEVEL_PRESET: 'bank' }, start: receivedAt });
    for (const facts of [{ media: true }, { impairment: 'impaired' as const }, {}]) {
      const row = await f.register({ facts, receivedAt });
      expect(row.resolutionDueAt).toEqual(afterIntake(15 * day));
    }
  });
});

describe('extendDueDate under the bank preset', () => {
  let f: WorkflowFixture;
  let ref: string;
  beforeEach(async () => {
    f = await createWorkflowFixture({ env: { LEVEL_PRESET: 'bank' }, start: receivedAt });
    ref = (await f.register({ receivedAt })).ref;
  });
  afterEach(() => f.drop());

  const extend = (days: number, mayApprove: boolean, reason = '案情复杂，需调取交易记录') =>
    extendDueDate(f.ledger, {
      ref,
      input: { days, reason },
      origin: mayApprove ? bossOrigin : staffOrigin,
      mayApprove,
    });

  it('should extend a complex case to 30 days, and 30 more only with approval', async () => {
    const first = await extend(15, false);
    expect(first.resolutionDueAt).toEqual(afterIntake(30 * day));

    expect(await codeOf(extend(30, false))).toBe('approval_required');
    expect((await stored(f, ref)).resolutionDueAt).toEqual(afterIntake(30 * day));

    const second = await extend(30, true);
    expect(second.resolutionDueAt).toEqual(afterIntake(60 * day));
    expect(second.extensionDays).toBe(45);

    expect(await codeOf(extend(1, true))).toBe('extension_limit');
    const extensions = await f.db.prisma.dueExtension.findMany({ orderBy: { id: 'asc' } });
    expect(extensions.map(({ days, by, approvedBy }) => ({ days, by, approvedBy }))).toEqual([
      { days: 15, by: 'wang', approvedBy: null },
      { days: 30, by: 'boss', approvedBy: 'boss' },
    ]);
  });

  it('should lift an overdue flag when the extension moves the due date past now', async () => {
    f.advance(15 * day);
    await runEscalation(f.ledger);
    expect((await stored(f, ref)).overdue).toBe(true);

    const row = await extend(10, false);
    expect(row).toMatchObject({ overdue: false, resolutionDueAt: afterIntake(25 * day) });
  });

  it('should refuse more than 15 days at once without approval', async () => {
    expect(await codeOf(extend(16, false))).toBe('approval_required');
    expect(await f.db.prisma.dueExtension.count()).toBe(0);
  });

  it('should refuse an extension without a reason', async () => {
    expect(await codeOf(extend(5, false, '  '))).toBe('validation_failed');
    expect((await stored(f, ref)).extensionDays).toBe(0);
  });
});

describe('waiting on the customer', () => {
  let f: WorkflowFixture;
  let ref: string;
  beforeEach(async () => {
    f = await createWorkflowFixture({ start: receivedAt });
    ref = (await f.register({ receivedAt })).ref;
  });
  afterEach(() => f.drop());

  it('should stop the clock and move the due dates on by the time paused', async () => {
    f.advance(day);
    await pauseClock(f.ledger, { ref, reason: '等待业主提供照片', origin: staffOrigin });
    f.advance(20 * day);

    // Past both due dates and the 15-day age rule, but the clock is stopped.
    const sweep = await runEscalation(f.ledger);
    expect(sweep).toMatchObject({ escalated: 0, overdue: 0, responseOverdue: 0 });
    expect(await codeOf(pauseClock(f.ledger, { ref, reason: '再等', origin: staffOrigin }))).toBe(
      'conflict',
    );

    const row = await resumeClock(f.ledger, { ref, origin: staffOrigin });
    expect(row.pausedAt).toBeNull();
    expect(row.pausedSeconds).toBe((20 * day) / 1000);
    expect(row.firstResponseDueAt).toEqual(afterIntake(20 * day + 48 * hour));
    expect(row.resolutionDueAt).toEqual(afterIntake(20 * day + 15 * day));
    expect(await codeOf(resumeClock(f.ledger, { ref, origin: staffOrigin }))).toBe('conflict');
  });

  it('should count only the running clock towards the first response', async () => {
    f.advance(47 * hour);
    await pauseClock(f.ledger, { ref, reason: '业主出差', origin: staffOrigin });
    f.advance(2 * day);
    await resumeClock(f.ledger, { ref, origin: staffOrigin });
    f.advance(hour - 1);

    // One millisecond short of 48 hours of running clock: not yet late for its first response.
    expect((await runEscalation(f.ledger)).responseOverdue).toBe(0);
    f.advance(1);
    expect((await runEscalation(f.ledger)).responseOverdue).toBe(1);
    expect((await stored(f, ref)).responseOverdue).toBe(true);
  });
});

describe('overdue flags', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture({ start: receivedAt });
  });
  afterEach(() => f.drop());

  it('should flag a missed first response at its due date and not a moment before', async () => {
    const { ref } = await f.register({ receivedAt, facts: { media: true } });
    f.advance(2 * hour - 1);
    await runEscalation(f.ledger);
    expect((await stored(f, ref)).responseOverdue).toBe(false);

    f.advance(1);
    await runEscalation(f.ledger);
    expect(await stored(f, ref)).toMatchObject({ responseOverdue: true, overdue: false });
  });

  it('should not flag the first response once staff have answered', async () => {
    const { ref } = await f.register({ receivedAt, facts: { media: true } });
    await addProgress(f.ledger, { ref, input: { text: '已致电业主' }, origin: staffOrigin });
    f.advance(3 * day - 1);
    await runEscalation(f.ledger);
    expect(await stored(f, ref)).toMatchObject({ responseOverdue: false, overdue: false });

    f.advance(1);
    await runEscalation(f.ledger);
    expect(await stored(f, ref)).toMatchObject({ responseOverdue: false, overdue: true });
  });
});
