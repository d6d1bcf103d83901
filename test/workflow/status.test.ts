import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Status, statuses } from '../../src/complaint/schema.ts';
import { errorStatus } from '../../src/errors.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { recordFeedback } from '../../src/ledger/record-feedback.ts';
import { reopenComplaint } from '../../src/ledger/reopen-complaint.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { assertTransition } from '../../src/workflow/status.ts';
import { codeOf, createWorkflowFixture, staffOrigin, type WorkflowFixture } from './support.ts';

const allowed = new Set([
  'pending>in_progress',
  'in_progress>resolved',
  'resolved>closed',
  'resolved>in_progress',
  'closed>in_progress',
]);
const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

describe('the status machine', () => {
  it.each(pairs)('should %s -> %s only when the issue allows it', (from, to) => {
    const move = () => assertTransition('W001', from, to);
    if (allowed.has(`${from}>${to}`)) expect(move).not.toThrow();
    else expect(move).toThrow(expect.objectContaining({ code: 'invalid_transition', status: 409 }));
  });

  it('should answer invalid_transition with 409', () => {
    expect(errorStatus.invalid_transition).toBe(409);
  });
});

/** Each operation that moves a complaint, by the status it moves to. */
const moves = {
  start: (f: WorkflowFixture, ref: string) =>
    changeStatus(f.ledger, { ref, to: 'in_progress', origin: staffOrigin }),
  resolve: (f: WorkflowFixture, ref: string) =>
    resolveComplaint(f.ledger, { ref, input: { resolution: '已修复' }, origin: staffOrigin }),
  close: (f: WorkflowFixture, ref: string) =>
    changeStatus(f.ledger, { ref, to: 'closed', origin: staffOrigin }),
  reopen: (f: WorkflowFixture, ref: string) =>
    reopenComplaint(f.ledger, { ref, reason: '客户不满意', origin: staffOrigin }),
};
type Move = keyof typeof moves;

/** Brings a new complaint to a status through the operations themselves. */
async function complaintIn(f: WorkflowFixture, status: Status | 'answered'): Promise<string> {
  const { ref } = await f.register();
  if (status === 'pending') return ref;
  await moves.start(f, ref);
  if (status === 'in_progress') return ref;
  await moves.resolve(f, ref);
  if (status === 'resolved') return ref;
  // A dissatisfied verdict is a follow-up that leaves the complaint resolved.
  const satisfaction = status === 'answered' ? 2 : 5;
  await recordFeedback(f.ledger, { ref, input: { satisfaction }, origin: staffOrigin });
  return ref;
}

const cases: Array<[Status | 'answered', Move, Status | 'invalid_transition']> = [
  ['pending', 'start', 'in_progress'],
  ['pending', 'resolve', 'invalid_transition'],
  ['pending', 'close', 'invalid_transition'],
  ['pending', 'reopen', 'invalid_transition'],
  ['in_progress', 'start', 'invalid_transition'],
  ['in_progress', 'resolve', 'resolved'],
  ['in_progress', 'close', 'invalid_transition'],
  ['in_progress', 'reopen', 'invalid_transition'],
  ['resolved', 'start', 'invalid_transition'],
  ['resolved', 'resolve', 'invalid_transition'],
  // Closing waits for the follow-up.
  ['resolved', 'close', 'invalid_transition'],
  ['resolved', 'reopen', 'in_progress'],
  ['answered', 'close', 'closed'],
  ['answered', 'reopen', 'in_progress'],
  ['closed', 'start', 'invalid_transition'],
  ['closed', 'resolve', 'invalid_transition'],
  ['closed', 'close', 'invalid_transition'],
  ['closed', 'reopen', 'in_progress'],
];

describe('status moves through the ledger operations', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
  });
  afterEach(() => f.drop());

  it.each(cases)('should move a %s complaint by %s to %s', async (from, move, expected) => {
    const ref = await complaintIn(f, from);
    const before = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    const entries = await f.db.prisma.auditEntry.count();

    const outcome = await codeOf(moves[move](f, ref));
    const after = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });

    if (expected === 'invalid_transition') {
      expect(outcome).toBe('invalid_transition');
      expect(after.status).toBe(before.status);
      expect(await f.db.prisma.auditEntry.count()).toBe(entries);
    } else {
      expect(outcome).toBe('ok');
      expect(after.status).toBe(expected);
    }
  });
});
