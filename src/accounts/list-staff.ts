/** The active staff who can be assigned complaints: supervisors and agents, by name. */
import type { LedgerContext } from '../ledger/context.ts';
import { type StaffMember, toStaffMember } from './staff.ts';

export async function listAssignableStaff(ctx: LedgerContext): Promise<StaffMember[]> {
  const rows = await ctx.db.prisma.staffUser.findMany({
    where: { disabled: false, role: { in: ['supervisor', 'agent'] } },
    orderBy: { displayName: 'asc' },
  });
  return rows.map(toStaffMember);
}

/** Every account's display name by username, to show assignees by name. */
export async function staffNames(ctx: LedgerContext): Promise<Map<string, string>> {
  const rows = await ctx.db.prisma.staffUser.findMany({
    select: { username: true, displayName: true },
  });
  return new Map(rows.map((row) => [row.username, row.displayName]));
}
