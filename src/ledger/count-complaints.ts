/** Counts the complaints a list filter matches, for the console's "N complaints" line. */
import type { LedgerContext } from './context.ts';
import { ListFilter, whereFor } from './list-complaints.ts';

export async function countComplaints(
  ctx: LedgerContext,
  options: { filter: ListFilter },
): Promise<number> {
  const filter = ListFilter.parse({ ...options.filter, cursor: undefined });
  return ctx.db.prisma.complaint.count({ where: whereFor(filter) });
}
