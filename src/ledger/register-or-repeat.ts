/**
 * What the webhook gateway calls for each call record or post: returns the complaint it already
 * became (same dedupe key), else adds it as a repeat to an open complaint about the same matter
 * within the window, else registers a new complaint. Safe to run any number of times, also
 * concurrently, for the same input.
 */
import { ComplaintInput } from '../complaint/schema.ts';
import { AppError, issuesFromZod } from '../errors.ts';
import { addRepeat } from './add-repeat.ts';
import type { LedgerContext } from './context.ts';
import { matchIntake } from './match-intake.ts';
import type { ComplaintRow } from './present.ts';
import { withDetail } from './present.ts';
import { registerComplaint } from './register-complaint.ts';

export type IntakeOutcome = 'created' | 'repeat' | 'duplicate';

export async function registerOrRepeat(
  ctx: LedgerContext,
  options: { input: ComplaintInput; repeatWindowDays: number },
): Promise<{ row: ComplaintRow; outcome: IntakeOutcome }> {
  const parsed = ComplaintInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'complaint failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const input = parsed.data;

  const match = input.dedupeKey
    ? await matchIntake(ctx, {
        dedupeKey: input.dedupeKey,
        repeatKey: input.repeatKey,
        windowDays: options.repeatWindowDays,
      })
    : ({ kind: 'none' } as const);

  if (match.kind === 'complaint' || match.kind === 'repeat') {
    const row = await ctx.db.prisma.complaint.findUniqueOrThrow({
      where: { id: match.complaintId },
      include: withDetail,
    });
    return { row, outcome: 'duplicate' };
  }

  if (match.kind === 'target' && input.dedupeKey) {
    const origin = input.sourceRef ? `${input.source} ${input.sourceRef}` : input.source;
    const repeat = await addRepeat(ctx, {
      complaintId: match.complaintId,
      dedupeKey: input.dedupeKey,
      receivedAt: input.receivedAt ?? ctx.now(),
      author: input.source,
      text: `Repeat (${origin}): ${input.content}`,
    });
    return { row: repeat.row, outcome: repeat.added ? 'repeat' : 'duplicate' };
  }

  const result = await registerComplaint(ctx, { input: options.input });
  return { row: result.row, outcome: result.created ? 'created' : 'duplicate' };
}
