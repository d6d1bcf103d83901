/**
 * Staff link a complaint to a collective group by hand, when the automatic match at registration
 * missed it (other words, another category). The group's different complainants are counted
 * again and every member's level follows, as when a complaint joins at registration.
 */
import { AppError } from '../errors.ts';
import type { Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import { regroup } from './link-group.ts';
import type { ComplaintRow } from './present.ts';

export async function joinGroup(
  ctx: LedgerContext,
  options: { ref: string; groupRef: string; origin: Origin },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  const target = await getComplaint(ctx, { ref: options.groupRef });
  const groupRef = target.groupRef ?? target.ref;
  if (row.ref === groupRef || row.groupRef === groupRef) {
    throw new AppError('conflict', `${row.ref} is already in group ${groupRef}`, {
      publicMessage: `This complaint is already in group ${groupRef}`,
    });
  }
  // Leaving one group for another would leave the first one's count wrong; unlinking is not an
  // operation of the ledger, so a complaint changes group only while it has none.
  if (row.groupRef) {
    throw new AppError('conflict', `${row.ref} is in group ${row.groupRef}`, {
      publicMessage: `This complaint is already in group ${row.groupRef}`,
    });
  }
  await ctx.db.prisma.$transaction(async (tx) => {
    const members = await tx.complaint.findMany({
      where: { OR: [{ groupRef }, { ref: groupRef }] },
    });
    await regroup(tx, ctx, { groupRef, members: [...members, row], origin: options.origin });
  });
  return getComplaint(ctx, { ref: row.ref });
}
