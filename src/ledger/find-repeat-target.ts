/**
 * The open complaint a new input repeats: same repeat key (caller number, forum thread), still
 * pending or in progress, received within the window. The newest wins when there are several.
 */
import type { LedgerContext } from './context.ts';

const openStatuses = ['pending', 'in_progress'];

export async function findRepeatTarget(
  ctx: LedgerContext,
  options: { repeatKey: string; windowDays: number; excludeDedupeKey?: string },
): Promise<{ id: number; ref: string } | null> {
  const since = new Date(ctx.now().getTime() - options.windowDays * 86_400_000);
  return ctx.db.prisma.complaint.findFirst({
    where: {
      repeatKey: options.repeatKey,
      status: { in: openStatuses },
      receivedAt: { gte: since },
      // A concurrent delivery of this very input may have just created its own complaint.
      ...(options.excludeDedupeKey
        ? { OR: [{ dedupeKey: null }, { dedupeKey: { not: options.excludeDedupeKey } }] }
        : {}),
    },
    orderBy: { receivedAt: 'desc' },
    select: { id: true, ref: true },
  });
}
