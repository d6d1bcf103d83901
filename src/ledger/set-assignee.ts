/**
 * Makes one member of staff accountable for a complaint. The assignee is a staff username, so the
 * assigned agent is the one who may see the complainant's phone number. Status and due dates are
 * the handling workflow's business and are left as they are.
 */
import { usernamePattern } from '../accounts/staff.ts';
import { AppError } from '../errors.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export async function setAssignee(
  ctx: LedgerContext,
  options: { ref: string; assignee: string; by: string },
): Promise<ComplaintRow> {
  const complaint = await getComplaint(ctx, { ref: options.ref });
  const member = usernamePattern.test(options.assignee)
    ? await ctx.db.prisma.staffUser.findUnique({ where: { username: options.assignee } })
    : null;
  if (!member || member.disabled || member.role === 'viewer') {
    throw new AppError('validation_failed', `cannot assign to "${options.assignee.slice(0, 50)}"`, {
      publicMessage: 'Choose a supervisor or an agent',
      issues: [{ path: 'assignee', message: 'not an active supervisor or agent' }],
    });
  }
  await ctx.db.prisma.complaint.update({
    where: { id: complaint.id },
    data: { assignee: member.username },
  });
  ctx.logger.info({ ref: complaint.ref, assignee: member.username, by: options.by }, 'assigned');
  return getComplaint(ctx, { ref: complaint.ref });
}
