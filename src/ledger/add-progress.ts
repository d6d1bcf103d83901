/**
 * Adds a progress entry (who, when, what was done, with any files) to a complaint being handled.
 * The first entry on a pending complaint is its first response and starts the handling.
 */
import { z } from 'zod';
import { AttachmentInput } from '../complaint/schema.ts';
import { AppError, issuesFromZod } from '../errors.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export const ProgressInput = z
  .object({
    text: z.string().trim().min(1).max(5000),
    attachments: z.array(AttachmentInput).max(20).default([]),
  })
  .strict();
export type ProgressInput = z.input<typeof ProgressInput>;

export async function addProgress(
  ctx: LedgerContext,
  options: { ref: string; input: ProgressInput; origin: Origin },
): Promise<ComplaintRow> {
  const parsed = ProgressInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'progress entry failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  if (row.status === 'closed') {
    throw new AppError('invalid_transition', `${row.ref} is closed`, {
      publicMessage: 'Reopen a closed complaint before adding progress',
    });
  }
  const now = ctx.now();
  return ctx.db.prisma.$transaction(async (tx) => {
    const entry = await tx.progressEntry.create({
      data: { complaintId: row.id, at: now, author: options.origin.actor, text: parsed.data.text },
    });
    for (const file of parsed.data.attachments) {
      await tx.attachment.create({ data: { ...file, complaintId: row.id, progressId: entry.id } });
    }
    const starts = row.status === 'pending';
    return auditedUpdate(tx, ctx, {
      row,
      data: {
        ...(starts ? { status: 'in_progress' } : {}),
        ...(row.firstRespondedAt ? {} : { firstRespondedAt: now }),
      },
      action: 'progress',
      origin: options.origin,
      note: { progressId: entry.id, attachments: parsed.data.attachments.length },
    });
  });
}
