/**
 * Reopens a resolved or closed complaint (a supervisor's call, typically after a dissatisfied
 * verdict): it goes back in progress, its verdict is cleared for the next follow-up round (the
 * audit trail keeps the old one) and its reopen count goes up.
 */
import { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';
import { assertTransition } from '../workflow/status.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export const ReopenInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

export async function reopenComplaint(
  ctx: LedgerContext,
  options: { ref: string; reason: string; origin: Origin },
): Promise<ComplaintRow> {
  const parsed = ReopenInput.safeParse({ reason: options.reason });
  if (!parsed.success) {
    throw new AppError('validation_failed', 'a reopen needs a reason', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  if (row.status !== 'resolved' && row.status !== 'closed') {
    throw new AppError(
      'invalid_transition',
      `${row.ref}: cannot reopen a ${row.status} complaint`,
      {
        publicMessage: 'Only a resolved or closed complaint can be reopened',
      },
    );
  }
  assertTransition(row.ref, row.status, 'in_progress');
  const now = ctx.now();
  return ctx.db.prisma.$transaction(async (tx) => {
    await tx.staffTask.updateMany({
      where: { complaintId: row.id, doneAt: null },
      data: { doneAt: now, doneBy: options.origin.actor, note: 'reopened' },
    });
    return auditedUpdate(tx, ctx, {
      row,
      data: {
        status: 'in_progress',
        resolvedAt: null,
        satisfaction: null,
        feedbackComment: null,
        followUpNote: null,
        followedUpAt: null,
        followUpAskedAt: null,
        reopenCount: row.reopenCount + 1,
      },
      action: 'reopen',
      origin: options.origin,
      note: { reason: parsed.data.reason },
    });
  });
}
