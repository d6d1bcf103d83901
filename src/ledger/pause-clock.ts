/**
 * Stops a complaint's clock while staff wait on the customer (documents, access to the home):
 * the due dates stop approaching, the sweep neither escalates nor flags it, and `resumeClock`
 * moves the due dates on by the time waited.
 */
import { AppError } from '../errors.ts';
import { openStatuses } from '../workflow/status.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export async function pauseClock(
  ctx: LedgerContext,
  options: { ref: string; reason: string; origin: Origin },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  if (!(openStatuses as readonly string[]).includes(row.status)) {
    throw new AppError('invalid_transition', `${row.ref} is ${row.status}`, {
      publicMessage: 'Only a complaint being handled can wait on the customer',
    });
  }
  if (row.pausedAt) {
    throw new AppError('conflict', `${row.ref} is already paused`, {
      publicMessage: 'The clock of this complaint is already stopped',
    });
  }
  return ctx.db.prisma.$transaction((tx) =>
    auditedUpdate(tx, ctx, {
      row,
      data: { pausedAt: ctx.now() },
      action: 'clock.pause',
      origin: options.origin,
      note: { reason: options.reason },
    }),
  );
}
