/**
 * Extends a complaint's resolution due date by some days, with a reason. Up to the preset's
 * `withoutApprovalDays` in total anyone working the complaint may extend; beyond that (the bank's
 * second 30 days) only with a supervisor's approval, and never past `maxDays` in total.
 */
import { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';
import { openStatuses } from '../workflow/status.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import { dueDatesFor } from './handling-rules.ts';
import type { ComplaintRow } from './present.ts';

export const ExtensionInput = z
  .object({
    days: z.number().int().min(1).max(90),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type ExtensionInput = z.input<typeof ExtensionInput>;

export async function extendDueDate(
  ctx: LedgerContext,
  options: { ref: string; input: ExtensionInput; origin: Origin; mayApprove: boolean },
): Promise<ComplaintRow> {
  const parsed = ExtensionInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'extension failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  if (!(openStatuses as readonly string[]).includes(row.status)) {
    throw new AppError('invalid_transition', `${row.ref} is ${row.status}`, {
      publicMessage: 'Only a complaint being handled can be extended',
    });
  }
  const { withoutApprovalDays, maxDays } = ctx.workflow.extensions;
  const total = row.extensionDays + parsed.data.days;
  if (total > maxDays) {
    throw new AppError('extension_limit', `${row.ref}: ${total} days over the ${maxDays} allowed`, {
      publicMessage: `Extensions may add at most ${maxDays} days in total`,
    });
  }
  const needsApproval = total > withoutApprovalDays;
  if (needsApproval && !options.mayApprove) {
    throw new AppError('approval_required', `${row.ref}: ${total} days needs approval`, {
      publicMessage: `Beyond ${withoutApprovalDays} days an extension needs a supervisor's approval`,
    });
  }
  return ctx.db.prisma.$transaction(async (tx) => {
    await tx.dueExtension.create({
      data: {
        complaintId: row.id,
        at: ctx.now(),
        by: options.origin.actor,
        days: parsed.data.days,
        reason: parsed.data.reason,
        approvedBy: needsApproval ? options.origin.actor : null,
      },
    });
    const due = dueDatesFor(ctx, { ...row, extensionDays: total }, row.level);
    return auditedUpdate(tx, ctx, {
      row,
      data: {
        extensionDays: total,
        resolutionDueAt: due.resolutionDueAt,
        ...(row.overdue && due.resolutionDueAt > ctx.now() ? { overdue: false } : {}),
      },
      action: 'due.extend',
      origin: options.origin,
      note: { reason: parsed.data.reason, approved: needsApproval },
    });
  });
}
