/** A complaint's history: its assignments, oldest first, and its audit trail entries. */
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';

export async function getHistory(ctx: LedgerContext, options: { ref: string }) {
  const row = await getComplaint(ctx, options);
  const [assignments, audit, extensions, tasks] = await Promise.all([
    ctx.db.prisma.assignmentEvent.findMany({
      where: { complaintId: row.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    }),
    ctx.db.prisma.auditEntry.findMany({
      where: { complaintRef: row.ref },
      orderBy: { seq: 'asc' },
    }),
    ctx.db.prisma.dueExtension.findMany({ where: { complaintId: row.id }, orderBy: { id: 'asc' } }),
    ctx.db.prisma.staffTask.findMany({ where: { complaintId: row.id }, orderBy: { id: 'asc' } }),
  ]);
  return { row, assignments, audit, extensions, tasks };
}
