/** Reads one complaint by its ref, with its progress entries and attachments. */
import { AppError } from '../errors.ts';
import type { LedgerContext } from './context.ts';
import type { ComplaintRow } from './present.ts';

export async function getComplaint(
  ctx: LedgerContext,
  options: { ref: string },
): Promise<ComplaintRow> {
  const row = await ctx.db.prisma.complaint.findUnique({
    where: { ref: options.ref.trim().toUpperCase() },
    include: { progress: { orderBy: { at: 'asc' } }, attachments: true },
  });
  if (!row) throw new AppError('complaint_not_found', `no complaint with ref ${options.ref}`);
  return row;
}
