/**
 * Reads a complaint with its phone number in full for an actor cleared to see it, and records who
 * saw it, when, and through what. An actor without clearance is refused and nothing is recorded.
 */
import { mayRevealContact, viewerFor } from '../accounts/clearance.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../http/env.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow, Viewer } from './present.ts';

export async function revealContact(
  ctx: LedgerContext,
  options: { ref: string; actor: Actor; purpose: 'page' | 'api' },
): Promise<{ row: ComplaintRow; viewer: Viewer }> {
  const row = await getComplaint(ctx, { ref: options.ref });
  if (!mayRevealContact(options.actor, row)) {
    throw new AppError(
      'forbidden',
      `${options.actor.id} may not reveal the contact of ${row.ref}`,
      {
        publicMessage: 'Only a supervisor or the assigned agent may see this phone number',
      },
    );
  }
  await recordContactReveal(ctx, {
    refs: [row.ref],
    actor: options.actor,
    purpose: options.purpose,
  });
  return { row, viewer: viewerFor(options.actor, row, { revealed: true }) };
}

/** Appends reveal records; exports with full phone numbers record one row under the ref "*". */
export async function recordContactReveal(
  ctx: LedgerContext,
  options: { refs: string[]; actor: Actor; purpose: string },
): Promise<void> {
  await ctx.db.prisma.contactReveal.createMany({
    data: options.refs.map((ref) => ({
      complaintRef: ref,
      actorId: options.actor.id,
      actorName: options.actor.name,
      via: options.actor.via,
      purpose: options.purpose,
      at: ctx.now(),
    })),
  });
  ctx.logger.info(
    { refs: options.refs, actorId: options.actor.id, purpose: options.purpose },
    'contact revealed',
  );
}
