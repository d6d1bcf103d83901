/** Reads one complaint by its ref, with its progress entries (and their files) and attachments. */
import { AppError } from '../errors.ts';
import type { LedgerContext } from './context.ts';
import { type ComplaintRow, withDetail } from './present.ts';

export async function getComplaint(
  ctx: LedgerContext,
  options: { ref: string },
): Promise<ComplaintRow> {
  const row = await ctx.db.prisma.complaint.findUnique({
    where: { ref: options.ref.trim().toUpperCase() },
    include: withDetail,
  });
  if (!row) throw new AppError('complaint_not_found', `no complaint with ref ${options.ref}`);
  return row;
}
