/** Staff tasks, open ones first by age: callbacks, unanswered follow-ups, verdicts to review. */
import type { LedgerContext } from './context.ts';

export async function listTasks(
  ctx: LedgerContext,
  options: { open?: boolean; assignee?: string; kind?: string } = {},
) {
  const rows = await ctx.db.prisma.staffTask.findMany({
    where: {
      ...(options.open === false ? { doneAt: { not: null } } : {}),
      ...(options.open === true ? { doneAt: null } : {}),
      ...(options.assignee ? { assignee: options.assignee } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { complaint: { select: { ref: true } } },
    take: 500,
  });
  return rows.map(({ complaint, complaintId: _, ...task }) => ({ ...task, ref: complaint.ref }));
}
