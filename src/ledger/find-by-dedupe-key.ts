/**
 * Finds the complaint an input was already registered as, either as the complaint itself or as a
 * repeat added to an earlier one. Redeliveries and replays land here and change nothing.
 */
import type { LedgerContext } from './context.ts';
import { type ComplaintRow, withDetail } from './present.ts';

export async function findByDedupeKey(
  ctx: LedgerContext,
  options: { dedupeKey: string },
): Promise<{ row: ComplaintRow; asRepeat: boolean } | null> {
  const { prisma } = ctx.db;
  const row = await prisma.complaint.findUnique({
    where: { dedupeKey: options.dedupeKey },
    include: withDetail,
  });
  if (row) return { row, asRepeat: false };

  const repeat = await prisma.complaintRepeat.findUnique({
    where: { dedupeKey: options.dedupeKey },
    include: { complaint: { include: withDetail } },
  });
  return repeat ? { row: repeat.complaint, asRepeat: true } : null;
}
