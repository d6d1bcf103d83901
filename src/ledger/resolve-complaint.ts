/**
 * Resolves a complaint in progress: the solution (what was done) and the resolution (the
 * outcome) are stored, the clock stops, and the complainant is asked for a verdict
 * (`askFollowUp`) in the channel they came from.
 */
import { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';
import { assertTransition } from '../workflow/status.ts';
import { askFollowUp } from './ask-follow-up.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';
import { resumedClock } from './resume-clock.ts';

export const ResolveInput = z
  .object({
    solution: z.string().trim().max(5000).optional(),
    resolution: z.string().trim().min(1).max(5000),
  })
  .strict();
export type ResolveInput = z.input<typeof ResolveInput>;

export async function resolveComplaint(
  ctx: LedgerContext,
  options: { ref: string; input: ResolveInput; origin: Origin },
): Promise<ComplaintRow> {
  const parsed = ResolveInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'resolution failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  assertTransition(row.ref, row.status, 'resolved');
  const now = ctx.now();
  await ctx.db.prisma.$transaction((tx) =>
    auditedUpdate(tx, ctx, {
      row,
      data: {
        ...(row.pausedAt ? resumedClock(ctx, row) : {}),
        status: 'resolved',
        solution: parsed.data.solution || row.solution,
        resolution: parsed.data.resolution,
        resolvedAt: now,
      },
      action: 'resolve',
      origin: options.origin,
    }),
  );
  return askFollowUp(ctx, { ref: row.ref, origin: options.origin });
}
