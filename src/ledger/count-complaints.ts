/** Counts the complaints a list filter matches, for the console's "N complaints" line. */
import type { LedgerContext } from './context.ts';
import { findTextMatches } from './find-text-matches.ts';
import { ListFilter, whereFor } from './list-complaints.ts';

export async function countComplaints(
  ctx: LedgerContext,
  options: { filter: ListFilter },
): Promise<number> {
  const filter = ListFilter.parse({ ...options.filter, cursor: undefined });
  const matches = filter.q ? await findTextMatches(ctx, { q: filter.q }) : null;
  return ctx.db.prisma.complaint.count({ where: whereFor(filter, matches) });
}
