/**
 * The chat messages a complaint's conversation exchanged, oldest first, for staff. Phone numbers
 * the customer typed are masked as everywhere else; the full number is read through the
 * complaint's contact route, which is recorded.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { maskPhone } from '../complaint/privacy.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';

export interface ComplaintMessage {
  direction: 'in' | 'out';
  channel: string;
  userId: string;
  kind: string;
  text: string | null;
  at: string;
}

/**
 * Every phone number in a customer's text, masked: libphonenumber finds Chinese numbers written
 * any usual way and international ones written with their +, the pattern catches Chinese mobiles
 * and landlines it might pass over (run together with other digits' separators, say).
 */
const phonePattern =
  /(?<!\d)(?:\+?\d{1,3}[\s-]?)?(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8})(?!\d)/g;

export function maskPhonesInText(text: string): string {
  let masked = '';
  let from = 0;
  for (const found of findPhoneNumbersInText(text, 'CN')) {
    masked +=
      text.slice(from, found.startsAt) + maskPhone(text.slice(found.startsAt, found.endsAt));
    from = found.endsAt;
  }
  masked += text.slice(from);
  return masked.replace(phonePattern, (found) => maskPhone(found) ?? '');
}

export async function listComplaintMessages(
  ctx: LedgerContext,
  options: { ref: string; limit?: number },
): Promise<{ ref: string; items: ComplaintMessage[] }> {
  const complaint = await getComplaint(ctx, { ref: options.ref });
  const rows = await ctx.db.prisma.chatMessage.findMany({
    where: { complaintRef: complaint.ref },
    // In the order stored: a platform's clock (the inbound `at`) may differ from ours.
    orderBy: { id: 'asc' },
    take: options.limit ?? 500,
  });
  return {
    ref: complaint.ref,
    items: rows.map((row) => ({
      direction: row.direction === 'out' ? 'out' : 'in',
      channel: row.channel,
      userId: row.userId,
      kind: row.kind,
      text: row.text === null ? null : maskPhonesInText(row.text),
      at: row.at.toISOString(),
    })),
  };
}
