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
import { findByDedupeKey } from './find-by-dedupe-key.ts';
import { findRepeatTarget } from './find-repeat-target.ts';
import type { ComplaintRow } from './present.ts';
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

  if (input.dedupeKey) {
    const known = await findByDedupeKey(ctx, { dedupeKey: input.dedupeKey });
    if (known) return { row: known.row, outcome: 'duplicate' };
  }

  if (input.dedupeKey && input.repeatKey && options.repeatWindowDays > 0) {
    const target = await findRepeatTarget(ctx, {
      repeatKey: input.repeatKey,
      windowDays: options.repeatWindowDays,
      excludeDedupeKey: input.dedupeKey,
    });
    if (target) {
      const origin = input.sourceRef ? `${input.source} ${input.sourceRef}` : input.source;
      const repeat = await addRepeat(ctx, {
        complaintId: target.id,
        dedupeKey: input.dedupeKey,
        receivedAt: input.receivedAt ?? ctx.now(),
        author: input.source,
        text: `Repeat (${origin}): ${input.content}`,
      });
      return { row: repeat.row, outcome: repeat.added ? 'repeat' : 'duplicate' };
    }
  }

  const result = await registerComplaint(ctx, { input: options.input });
  return { row: result.row, outcome: result.created ? 'created' : 'duplicate' };
}
