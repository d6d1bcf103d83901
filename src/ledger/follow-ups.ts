/**
 * The ledger's side of the chat follow-up (`FollowUpPort` in src/chat/types.ts): the conversation
 * engine asks whether a customer owes a verdict and hands their answer over, knowing nothing of
 * complaints beyond a ref.
 */
import type { ChatChannel, FollowUpPort } from '../chat/types.ts';
import type { LedgerContext } from './context.ts';
import { recordFeedback } from './record-feedback.ts';

export function followUpPort(ctx: LedgerContext): FollowUpPort {
  return {
    async pending(channel: ChatChannel, userId: string) {
      const row = await ctx.db.prisma.complaint.findFirst({
        where: {
          source: channel,
          complainantChannelId: userId,
          status: 'resolved',
          followUpAskedAt: { not: null },
          followedUpAt: null,
        },
        orderBy: { followUpAskedAt: 'desc' },
        select: { ref: true },
      });
      return row ? { ref: row.ref } : null;
    },
    async answer(input) {
      const row = await ctx.db.prisma.complaint.findUnique({ where: { ref: input.ref } });
      await recordFeedback(ctx, {
        ref: input.ref,
        input: {
          satisfaction: input.satisfaction,
          ...(input.comment ? { comment: input.comment } : {}),
        },
        origin: { actor: `customer:${row?.source ?? 'chat'}`, via: 'channel' },
        at: input.at,
      });
    },
  };
}
