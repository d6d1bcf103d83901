/**
 * What the engine asks of the ledger: register the confirmed draft, and read a customer's own
 * complaints for the status command. The complaint's dedupe key is the conversation's session,
 * so a confirm handled twice (a retry, two instances at once) registers one complaint.
 */
import { categoryLabel } from '../complaint/categories.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { findChannelComplaints } from '../ledger/find-channel-complaints.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { registerComplaint } from '../ledger/register-complaint.ts';
import type { ConversationState, Language } from './state.ts';
import type { StatusView, Texts } from './texts.ts';
import type { ChatChannel } from './types.ts';

export const sessionDedupeKey = (channel: ChatChannel, session: string) =>
  `chat:${channel}:${session}`;

export async function registerDraft(
  ctx: LedgerContext,
  options: { channel: ChatChannel; userId: string; state: ConversationState },
): Promise<ComplaintRow> {
  const { draft } = options.state;
  const content = [draft.description ?? '', ...(draft.pin ? [`（位置：${draft.pin}）`] : [])]
    .join(' ')
    .trim();
  const result = await registerComplaint(ctx, {
    input: {
      source: options.channel,
      dedupeKey: sessionDedupeKey(options.channel, options.state.session),
      receivedAt: options.state.startedAt,
      complainant: { name: draft.name, phone: draft.phone, channelId: options.userId },
      content,
      category: draft.category ?? ctx.categories[0] ?? '客户服务',
      location: draft.location ?? {},
      attachments: draft.attachments.map((attachment) => ({
        kind: attachment.kind,
        url: attachment.url,
        mimeType: attachment.mimeType,
      })),
    },
  });
  return result.row;
}

/** A moment in the ledger's time zone, the way a customer reads it: 10月5日 17:00, 5 Oct 17:00. */
export function formatMoment(at: Date, language: Language, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}`;
  if (language === 'en') return `${part('day')} ${part('month')} ${time}`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'numeric' }).format(at);
  return `${month}月${part('day')}日 ${time}`;
}

/** When the customer may expect an answer: the ledger's due date once it has one. */
export function answerDue(row: ComplaintRow, fallbackHours: number, now: Date): Date {
  return row.firstResponseDueAt ?? new Date(now.getTime() + fallbackHours * 3_600_000);
}

export function statusView(
  row: ComplaintRow,
  text: Texts,
  language: Language,
  timeZone: string,
): StatusView {
  const open = row.status === 'pending' || row.status === 'in_progress';
  const due = row.status === 'pending' ? row.firstResponseDueAt : row.resolutionDueAt;
  return {
    ref: row.ref,
    category: categoryLabel(row.category, language),
    status: text.statusLabels[row.status] ?? row.status,
    answerBy: open && due ? formatMoment(due, language, timeZone) : undefined,
    resolution: open ? undefined : (row.resolution ?? row.solution),
  };
}

export async function ownComplaints(
  ctx: LedgerContext,
  options: { channel: ChatChannel; userId: string; ref?: string },
): Promise<ComplaintRow[]> {
  return findChannelComplaints(ctx, {
    source: options.channel,
    channelId: options.userId,
    ref: options.ref,
  });
}
