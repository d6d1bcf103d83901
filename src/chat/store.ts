/**
 * Where conversations live: one `chat_conversation` row per channel and customer, and the
 * `chat_message` log. A save names the version it read and fails (returns false) when another
 * turn wrote first; the engine then runs the turn again over the newer state. Single statements
 * only, so this works the same on D1, which has no interactive transactions.
 */
import type { LedgerContext } from '../ledger/context.ts';
import { type ConversationState, emptyDraft, readDraft, readStep } from './state.ts';
import type { ChatChannel, ChatReply, InboundChatMessage } from './types.ts';

export interface StoredConversation {
  id: number | null;
  version: number;
  updatedAt: Date | null;
  state: ConversationState;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/** Web Crypto's UUID: the same on Node and on Workers. */
export const newSession = () => globalThis.crypto.randomUUID();

export function freshState(language: 'zh' | 'en', now: Date): ConversationState {
  return {
    step: 'idle',
    language,
    session: newSession(),
    draft: emptyDraft(),
    complaintRef: null,
    handoffAt: null,
    startedAt: now,
  };
}

export async function loadConversation(
  ctx: LedgerContext,
  key: { channel: ChatChannel; userId: string },
  now: Date,
): Promise<StoredConversation> {
  const row = await ctx.db.prisma.chatConversation.findUnique({
    where: { channel_userId: key },
  });
  if (!row) return { id: null, version: 0, updatedAt: null, state: freshState('zh', now) };
  return {
    id: row.id,
    version: row.version,
    updatedAt: row.updatedAt,
    state: {
      step: readStep(row.step),
      language: row.language === 'en' ? 'en' : 'zh',
      session: row.session,
      draft: readDraft(row.draft),
      complaintRef: row.complaintRef,
      handoffAt: row.handoffAt,
      startedAt: row.startedAt,
    },
  };
}

/** Writes the state if nobody else did since it was read; false means "read again and retry". */
export async function saveConversation(
  ctx: LedgerContext,
  key: { channel: ChatChannel; userId: string },
  read: StoredConversation,
  state: ConversationState,
  now: Date,
): Promise<boolean> {
  const data = {
    session: state.session,
    step: state.step,
    language: state.language,
    draft: JSON.stringify(state.draft),
    complaintRef: state.complaintRef,
    handoffAt: state.handoffAt,
    startedAt: state.startedAt,
    updatedAt: now,
  };
  const { prisma } = ctx.db;
  if (read.id === null) {
    try {
      await prisma.chatConversation.create({ data: { ...key, ...data, version: 1 } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  const written = await prisma.chatConversation.updateMany({
    where: { id: read.id, version: read.version },
    data: { ...data, version: read.version + 1 },
  });
  return written.count === 1;
}

/** Stores the customer's message and the replies of one turn. */
export async function recordTurn(
  ctx: LedgerContext,
  turn: {
    message: InboundChatMessage;
    replies: readonly ChatReply[];
    session: string;
    complaintRef: string | null;
    at: Date;
  },
): Promise<void> {
  const { message } = turn;
  const base = {
    channel: message.channel,
    userId: message.userId,
    session: turn.session,
    complaintRef: turn.complaintRef,
  };
  const inbound = {
    ...base,
    direction: 'in',
    kind: message.kind,
    text: message.text ?? message.media?.url ?? message.location?.label ?? null,
    at: message.receivedAt,
  };
  const outbound = turn.replies.map((reply) => ({
    ...base,
    direction: 'out',
    kind: 'text',
    text: [reply.text, ...(reply.choices ?? []).map((c, i) => `${i + 1}. ${c.label}`)].join('\n'),
    at: turn.at,
  }));
  await ctx.db.prisma.chatMessage.createMany({ data: [inbound, ...outbound] });
}

/** Ties a session's earlier messages to the complaint it registered. */
export async function linkSession(ctx: LedgerContext, session: string, ref: string) {
  await ctx.db.prisma.chatMessage.updateMany({
    where: { session, complaintRef: null },
    data: { complaintRef: ref },
  });
}
