/**
 * The customer asked for a person (人工) about a registered complaint: a progress entry says so
 * on the complaint, where the staff handling it see it. The conversation itself keeps the flag
 * too (chat_conversation.handoff_at), also when no complaint has been registered yet.
 */
import type { LedgerContext } from './context.ts';

export const handoffAuthor = 'chat';

export async function flagHandoff(
  ctx: LedgerContext,
  options: { ref: string; channel: string; at: Date },
): Promise<boolean> {
  const { prisma } = ctx.db;
  const complaint = await prisma.complaint.findUnique({ where: { ref: options.ref } });
  if (!complaint) return false;
  await prisma.progressEntry.create({
    data: {
      complaintId: complaint.id,
      at: options.at,
      author: handoffAuthor,
      text: `客户在 ${options.channel} 对话中请求人工客服 (the customer asked for a person)`,
    },
  });
  return true;
}
