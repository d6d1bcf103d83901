/**
 * Reads the ledger for an export in pages of a fixed size, oldest first, so that any number of
 * rows passes through bounded memory. Filters are the list's.
 */

import type { LedgerContext } from './context.ts';
import type { ListFilter } from './list-complaints.ts';
import { ListFilter as FilterSchema, whereFor } from './list-complaints.ts';
import type { ComplaintRow } from './present.ts';

export async function* exportRows(
  ctx: LedgerContext,
  options: { filter?: ListFilter; pageSize?: number } = {},
): AsyncGenerator<ComplaintRow> {
  const filter = FilterSchema.parse({ ...options.filter, cursor: undefined });
  const where = whereFor(filter);
  const take = options.pageSize ?? 1000;
  let after: number | undefined;
  for (;;) {
    const page = await ctx.db.prisma.complaint.findMany({
      where: after === undefined ? where : { AND: [where, { id: { gt: after } }] },
      orderBy: { id: 'asc' },
      take,
    });
    yield* page;
    if (page.length < take) return;
    after = page.at(-1)?.id;
  }
}
