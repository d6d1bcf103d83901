/**
 * Replaces the assignment rules: an ordered list of category and source (either left out matches
 * anything) to a team. The first matching rule assigns a new complaint to the team's next member.
 */
import { z } from 'zod';
import { Source } from '../complaint/schema.ts';
import { AppError, issuesFromZod } from '../errors.ts';
import { appendAudit, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';

export const AssignmentRuleInput = z
  .object({
    category: z.string().trim().min(1).max(50).optional(),
    source: Source.optional(),
    team: z.string().trim().min(1).max(100),
  })
  .strict();
export const AssignmentRulesInput = z.object({ rules: z.array(AssignmentRuleInput).max(200) });
export type AssignmentRulesInput = z.input<typeof AssignmentRulesInput>;

export async function setAssignmentRules(
  ctx: LedgerContext,
  options: { input: AssignmentRulesInput; origin: Origin },
) {
  const parsed = AssignmentRulesInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'assignment rules failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const rules = parsed.data.rules.map((rule, position) => ({
    position,
    category: rule.category ?? null,
    source: rule.source ?? null,
    team: rule.team,
  }));
  return ctx.db.prisma.$transaction(async (tx) => {
    const before = await tx.assignmentRule.findMany({ orderBy: { position: 'asc' } });
    await tx.assignmentRule.deleteMany({});
    for (const rule of rules) await tx.assignmentRule.create({ data: rule });
    const strip = (
      list: ReadonlyArray<{ category: string | null; source: string | null; team: string }>,
    ) => JSON.stringify(list.map(({ category, source, team }) => ({ category, source, team })));
    await appendAudit(tx, ctx.db.dialect, {
      origin: options.origin,
      at: ctx.now(),
      ref: null,
      action: 'assignment-rules.set',
      before: { rules: strip(before) },
      after: { rules: strip(rules) },
    });
    return tx.assignmentRule.findMany({ orderBy: { position: 'asc' } });
  });
}
