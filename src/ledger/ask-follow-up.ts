/**
 * The follow-up visit (回访) after a resolution. A complaint that came by chat, from a customer
 * the ledger can reach, gets the engine's question in that channel (src/chat/follow-up.ts: five
 * choices in score order, so a channel that numbers them reads "4" as 4); the conversation
 * engine hands the answer to the FollowUpPort (follow-ups.ts). Anything else (the hotline,
 * forum, referrals, a chat channel without a sender, a send that fails) becomes a callback task.
 */
import { followUpQuestion } from '../chat/follow-up.ts';
import { type ChatChannel, chatChannels } from '../chat/types.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';
import { openTask } from './staff-tasks.ts';

export async function askFollowUp(
  ctx: LedgerContext,
  options: { ref: string; origin: Origin },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  const channel = (chatChannels as readonly string[]).includes(row.source)
    ? (row.source as ChatChannel)
    : null;
  const sender = channel ? ctx.senders[channel] : undefined;
  let asked: 'chat' | 'callback' = 'callback';
  if (sender && row.complainantChannelId) {
    try {
      await sender.send(row.complainantChannelId, [followUpQuestion(row.ref)]);
      asked = 'chat';
    } catch (error) {
      ctx.logger.warn({ err: error, ref: row.ref, channel }, 'follow-up message failed');
    }
  }
  const now = ctx.now();
  return ctx.db.prisma.$transaction(async (tx) => {
    if (asked === 'callback') await openTask(tx, { row, kind: 'callback', at: now });
    return auditedUpdate(tx, ctx, {
      row,
      data: { followUpAskedAt: now },
      action: 'follow-up.ask',
      origin: options.origin,
      note: { via: asked === 'chat' ? `chat:${channel}` : 'callback task' },
      // The question has gone out whatever staff did meanwhile; refusing would lose the record
      // of it, and the sweep would never chase the answer.
      guard: false,
    });
  });
}
