/**
 * Staff tasks the ledger makes: a callback visit for complaints that did not come by chat, a
 * follow-up nobody answered in time, a dissatisfied verdict for a supervisor to review. One task
 * per kind and handling round (the dedupe key), so running the same step twice makes one task.
 */
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import type { Tx } from './audit-trail.ts';

export const taskKinds = ['callback', 'follow_up_unanswered', 'review_verdict'] as const;
export type TaskKind = (typeof taskKinds)[number];

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/** Opens the task unless this round already has it; says whether it made one. */
export async function openTask(
  tx: Tx,
  options: { row: Row; kind: TaskKind; at: Date; assignee?: string | null },
): Promise<boolean> {
  const dedupeKey = `${options.kind}:${options.row.ref}:${options.row.reopenCount}`;
  if (await tx.staffTask.findUnique({ where: { dedupeKey } })) return false;
  try {
    await tx.staffTask.create({
      data: {
        complaintId: options.row.id,
        kind: options.kind,
        dedupeKey,
        assignee: options.assignee ?? options.row.assignee,
        createdAt: options.at,
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
