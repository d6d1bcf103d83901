/**
 * Stores the complainant's verdict on a resolved complaint: satisfaction 1 to 5, a comment and
 * the visitor's note. A satisfied verdict (3 or more) closes the complaint; a dissatisfied one
 * (1 or 2) leaves it resolved with a task for a supervisor, who may reopen it. Open follow-up
 * tasks of the complaint are done with it.
 */
import { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';
import { openTask } from './staff-tasks.ts';

export const FeedbackInput = z
  .object({
    satisfaction: z.number().int().min(1).max(5),
    comment: z.string().trim().max(2000).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type FeedbackInput = z.input<typeof FeedbackInput>;

export const dissatisfiedAtMost = 2;

export async function recordFeedback(
  ctx: LedgerContext,
  options: { ref: string; input: FeedbackInput; origin: Origin; at?: Date },
): Promise<ComplaintRow> {
  const parsed = FeedbackInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'feedback failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  if (row.status !== 'resolved' || row.followedUpAt) {
    throw new AppError('invalid_transition', `${row.ref}: no follow-up awaits a verdict`, {
      publicMessage: 'Only a resolved complaint awaiting its follow-up takes a verdict',
    });
  }
  const { satisfaction, comment, note } = parsed.data;
  const dissatisfied = satisfaction <= dissatisfiedAtMost;
  const now = ctx.now();
  const updated = await ctx.db.prisma.$transaction(async (tx) => {
    await tx.staffTask.updateMany({
      where: {
        complaintId: row.id,
        doneAt: null,
        kind: { in: ['callback', 'follow_up_unanswered'] },
      },
      data: { doneAt: now, doneBy: options.origin.actor, note: `verdict ${satisfaction}` },
    });
    if (dissatisfied) await openTask(tx, { row, kind: 'review_verdict', at: now, assignee: null });
    return auditedUpdate(tx, ctx, {
      row,
      data: {
        satisfaction,
        feedbackComment: comment || null,
        followUpNote: note || null,
        followedUpAt: options.at ?? now,
        ...(dissatisfied ? {} : { status: 'closed' }),
      },
      action: 'follow-up.answer',
      origin: options.origin,
    });
  });
  if (dissatisfied) {
    const supervisors = await supervisorNames(ctx);
    ctx.notifier.notify({
      kind: 'dissatisfied',
      ref: updated.ref,
      level: updated.level,
      assignee: updated.assignee,
      notify: supervisors,
      at: now.toISOString(),
      detail: { satisfaction },
    });
  }
  return updated;
}

export async function supervisorNames(ctx: LedgerContext): Promise<string[]> {
  const rows = await ctx.db.prisma.staffUser.findMany({
    where: { role: 'supervisor', disabled: false },
    orderBy: { username: 'asc' },
    select: { username: true },
  });
  return rows.map((row) => row.username);
}
