/**
 * A chat customer's own complaints: those registered from their channel under their channel
 * identity. What the status command reads; someone else's ref is simply not among them.
 */
import type { Source } from '../complaint/schema.ts';
import type { LedgerContext } from './context.ts';
import type { ComplaintRow } from './present.ts';

export async function findChannelComplaints(
  ctx: LedgerContext,
  options: { source: Source; channelId: string; ref?: string; limit?: number },
): Promise<ComplaintRow[]> {
  return ctx.db.prisma.complaint.findMany({
    where: {
      source: options.source,
      complainantChannelId: options.channelId,
      ...(options.ref ? { ref: options.ref.trim().toUpperCase() } : {}),
    },
    orderBy: { receivedAt: 'desc' },
    take: options.limit ?? 3,
  });
}
