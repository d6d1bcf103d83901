/**
 * The intake inbox. A channel commits the raw event here before it answers the platform, so an
 * acknowledged delivery survives a crash; the delivery key makes a redelivery recognisable and
 * returns the first event, with the reply it got, instead of a second one.
 */
import type { InboxEvent } from '../generated/sqlite/client.ts';
import type { LedgerContext } from '../ledger/context.ts';

export type { InboxEvent };

export const inboxStatuses = ['received', 'processed', 'failed'] as const;
export type InboxStatus = (typeof inboxStatuses)[number];

export interface AcceptResult {
  event: InboxEvent;
  /** The delivery key was already in the inbox: this is a redelivery. */
  duplicate: boolean;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/** Commits a raw event, or returns the one already stored under the same delivery key. */
export async function acceptEvent(
  ctx: LedgerContext,
  options: { channel: string; deliveryKey: string; body: string; receivedAt?: Date },
): Promise<AcceptResult> {
  const { prisma } = ctx.db;
  // The unique delivery key decides: most deliveries are new, so insert first and read the stored
  // event only when a redelivery (earlier or concurrent) already holds the key.
  try {
    const event = await prisma.inboxEvent.create({
      data: {
        channel: options.channel,
        deliveryKey: options.deliveryKey,
        body: options.body,
        receivedAt: options.receivedAt ?? ctx.now(),
      },
    });
    return { event, duplicate: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.inboxEvent.findUniqueOrThrow({
      where: { deliveryKey: options.deliveryKey },
    });
    return { event: winner, duplicate: true };
  }
}

export async function markProcessed(
  ctx: LedgerContext,
  options: { id: number; complaintRef?: string | null; reply?: unknown },
): Promise<InboxEvent> {
  return ctx.db.prisma.inboxEvent.update({
    where: { id: options.id },
    data: {
      status: 'processed',
      error: null,
      attempts: { increment: 1 },
      complaintRef: options.complaintRef ?? null,
      reply: options.reply === undefined ? null : JSON.stringify(options.reply),
      processedAt: ctx.now(),
    },
  });
}

/** Keeps the event as a dead letter with its error; the message must hold no personal data. */
export async function markFailed(
  ctx: LedgerContext,
  options: { id: number; error: string },
): Promise<InboxEvent> {
  return ctx.db.prisma.inboxEvent.update({
    where: { id: options.id },
    data: { status: 'failed', error: options.error.slice(0, 2000), attempts: { increment: 1 } },
  });
}

export async function listEvents(
  ctx: LedgerContext,
  options: { status?: InboxStatus; channel?: string; limit?: number; afterId?: number } = {},
): Promise<InboxEvent[]> {
  return ctx.db.prisma.inboxEvent.findMany({
    where: {
      status: options.status,
      channel: options.channel,
      id: options.afterId === undefined ? undefined : { gt: options.afterId },
    },
    orderBy: { id: 'asc' },
    take: options.limit ?? 100,
  });
}
