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
