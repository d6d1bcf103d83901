/**
 * A supervisor sets a complaint's level by hand, with a reason. The rule shown becomes
 * `override`, the reason is kept on the complaint, the due dates follow the new level, and
 * registration-time rules no longer touch it (the sweep may still raise it with age).
 */
import { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import { dueDatesFor } from './handling-rules.ts';
import type { ComplaintRow } from './present.ts';

export const LevelOverrideInput = z
  .object({
    level: z.number().int().min(1).max(3),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type LevelOverrideInput = z.input<typeof LevelOverrideInput>;

export async function overrideLevel(
  ctx: LedgerContext,
  options: { ref: string; input: LevelOverrideInput; origin: Origin },
): Promise<ComplaintRow> {
  const parsed = LevelOverrideInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'level override failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const row = await getComplaint(ctx, { ref: options.ref });
  const { level, reason } = parsed.data;
  return ctx.db.prisma.$transaction((tx) =>
    auditedUpdate(tx, ctx, {
      row,
      data: {
        level,
        levelRule: 'override',
        levelOverride: reason,
        ...dueDatesFor(ctx, row, level),
      },
      action: 'level.override',
      origin: options.origin,
    }),
  );
}
