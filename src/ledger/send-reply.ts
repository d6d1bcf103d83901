/**
 * Staff write to the customer in the chat they came from, outside a reply to one of their
 * messages. The message is kept as a progress entry; a complaint that did not come by chat, or
 * whose channel has no sender configured, cannot be written to this way.
 */
import { type ChatChannel, chatChannels } from '../chat/types.ts';
import { AppError } from '../errors.ts';
import { addProgress } from './add-progress.ts';
import type { Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export async function sendReply(
  ctx: LedgerContext,
  options: { ref: string; text: string; origin: Origin },
): Promise<ComplaintRow> {
  const row = await getComplaint(ctx, { ref: options.ref });
  const text = options.text.trim();
  if (!text || text.length > 2000) {
    throw new AppError('validation_failed', 'reply text is empty or too long', {
      issues: [{ path: 'text', message: '1 to 2000 characters' }],
    });
  }
  const chat = (chatChannels as readonly string[]).includes(row.source);
  const sender = chat ? ctx.senders[row.source as ChatChannel] : undefined;
  if (!sender || !row.complainantChannelId) {
    throw new AppError('conflict', `${row.ref} came by ${row.source}: no chat to reply in`, {
      publicMessage: 'This complaint did not come by a chat channel that can be written to',
    });
  }
  await sender.send(row.complainantChannelId, [{ text }]);
  return addProgress(ctx, {
    ref: row.ref,
    input: { text: `Reply sent to the customer: ${text}` },
    origin: options.origin,
  });
}
