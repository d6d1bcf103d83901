/**
 * The follow-up visit (回访) after a resolution. A complaint that came by chat, from a customer
 * the ledger can reach, gets a message in that channel with five choices whose values are
 * `feedback:<ref>:<1-5>`; the conversation engine hands the answer to the FollowUpPort
 * (follow-ups.ts). Anything else (the hotline, forum, referrals, a chat channel without a sender,
 * a send that fails) becomes a callback task for staff.
 */
import { type ChatChannel, type ChatReply, chatChannels } from '../chat/types.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';
import { openTask } from './staff-tasks.ts';

const verdicts = [
  [5, '非常满意 Very satisfied'],
  [4, '满意 Satisfied'],
  [3, '一般 Neutral'],
  [2, '不满意 Dissatisfied'],
  [1, '非常不满意 Very dissatisfied'],
] as const;

export function followUpQuestion(row: ComplaintRow): ChatReply {
  return {
    text:
      `您的投诉 ${row.ref} 已处理完毕：${row.resolution ?? ''}\n` +
      '请为处理结果打分（5 非常满意，1 非常不满意）。\n' +
      `Your complaint ${row.ref} has been resolved. How satisfied are you with the outcome?`,
    choices: verdicts.map(([score, label]) => ({
      label: `${score} ${label}`,
      value: `feedback:${row.ref}:${score}`,
    })),
  };
}

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
      await sender.send(row.complainantChannelId, [followUpQuestion(row)]);
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
