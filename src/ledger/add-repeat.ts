/**
 * Adds a repeat to an open complaint: a progress entry saying what came in again and one more on
 * its repeat count, in one transaction. The repeat's dedupe key is unique, so the same call or
 * post is never counted twice; a second attempt returns `added: false`.
 */
import { appendAudit, systemOrigin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import type { ComplaintRow } from './present.ts';
import { withDetail } from './present.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

export async function addRepeat(
  ctx: LedgerContext,
  options: {
    complaintId: number;
    dedupeKey: string;
    receivedAt: Date;
    author: string;
    text: string;
  },
): Promise<{ row: ComplaintRow; added: boolean }> {
  const { prisma } = ctx.db;
  try {
    const row = await prisma.$transaction(async (tx) => {
      await tx.complaintRepeat.create({
        data: {
          complaintId: options.complaintId,
          dedupeKey: options.dedupeKey,
          receivedAt: options.receivedAt,
        },
      });
      await tx.progressEntry.create({
        data: {
          complaintId: options.complaintId,
          at: ctx.now(),
          author: options.author,
          text: options.text,
        },
      });
      const row = await tx.complaint.update({
        where: { id: options.complaintId },
        data: { repeatCount: { increment: 1 } },
        include: withDetail,
      });
      await appendAudit(tx, ctx.db.dialect, {
        origin: { ...systemOrigin, actor: options.author },
        at: ctx.now(),
        ref: row.ref,
        action: 'repeat',
        before: { repeatCount: row.repeatCount - 1 },
        after: { repeatCount: row.repeatCount },
      });
      return row;
    });
    return { row, added: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await prisma.complaintRepeat.findUniqueOrThrow({
      where: { dedupeKey: options.dedupeKey },
      include: { complaint: { include: withDetail } },
    });
    return { row: row.complaint, added: false };
  }
}
