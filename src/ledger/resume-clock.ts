/**
 * Ends a pause: the time spent waiting on the customer is added to the complaint's paused time,
 * and its due dates move on by as much.
 */
import { AppError } from '../errors.ts';
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import { dueDatesFor } from './handling-rules.ts';
import type { ComplaintRow } from './present.ts';

/** The fields a paused complaint takes when its clock starts again now. */
export function resumedClock(ctx: LedgerContext, row: Row) {
  const now = ctx.now();
  const waited = row.pausedAt ? Math.ceil((now.getTime() - row.pausedAt.getTime()) / 1000) : 0;
  const pausedSeconds = row.pausedSeconds + Math.max(0, waited);
  const due = dueDatesFor(ctx, { ...row, pausedSeconds }, row.level);
  return {
    pausedAt: null,
    pausedSeconds,
    ...due,
    ...(row.overdue && due.resolutionDueAt > now ? { overdue: false } : {}),
    ...(row.responseOverdue && due.firstResponseDueAt > now ? { responseOverdue: false } : {}),
  };
}

export async function resumeClock(
  ctx: LedgerContext,
  options: { ref: string; origin: Origin; note?: string },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  if (!row.pausedAt) {
    throw new AppError('conflict', `${row.ref} is not paused`, {
      publicMessage: 'The clock of this complaint is running',
    });
  }
  return ctx.db.prisma.$transaction((tx) =>
    auditedUpdate(tx, ctx, {
      row,
      data: resumedClock(ctx, row),
      action: 'clock.resume',
      origin: options.origin,
      ...(options.note ? { note: { note: options.note } } : {}),
    }),
  );
}
