/**
 * Moves a complaint along the status machine (src/workflow/status.ts): starting work
 * (pending -> in_progress, which is also the first response) and closing a followed-up complaint
 * (resolved -> closed). Resolving and reopening carry more and have their own operations.
 */
import { AppError } from '../errors.ts';
import { assertTransition } from '../workflow/status.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export async function changeStatus(
  ctx: LedgerContext,
  options: { ref: string; to: 'in_progress' | 'closed'; origin: Origin; note?: string },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  assertTransition(row.ref, row.status, options.to);
  if (options.to === 'in_progress' && row.status !== 'pending') {
    throw new AppError('invalid_transition', `${row.ref}: reopen a ${row.status} complaint`, {
      publicMessage: 'Reopen a resolved or closed complaint instead',
    });
  }
  if (options.to === 'closed' && !row.followedUpAt) {
    throw new AppError('invalid_transition', `${row.ref}: close before the follow-up`, {
      publicMessage: 'A complaint is closed after its follow-up',
    });
  }
  const now = ctx.now();
  return ctx.db.prisma.$transaction((tx) =>
    auditedUpdate(tx, ctx, {
      row,
      data: {
        status: options.to,
        ...(options.to === 'in_progress' && !row.firstRespondedAt ? { firstRespondedAt: now } : {}),
      },
      action: `status.${options.to}`,
      origin: options.origin,
      ...(options.note ? { note: { note: options.note } } : {}),
    }),
  );
}
