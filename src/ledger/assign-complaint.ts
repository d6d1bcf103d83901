/**
 * Makes one member of staff accountable for a complaint. The assignee is a staff username (an
 * active supervisor or agent), so the assigned agent is the one who may see the complainant's
 * phone number. A reassignment keeps the history: every assignment is a row of its own.
 */
import { usernamePattern } from '../accounts/staff.ts';
import { AppError } from '../errors.ts';
import { auditedUpdate, type Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { getComplaint } from './get-complaint.ts';
import type { ComplaintRow } from './present.ts';

export async function assignComplaint(
  ctx: LedgerContext,
  options: { ref: string; assignee: string; origin: Origin; reason?: string },
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
  const row = await ctx.db.prisma.$transaction(async (tx) => {
    await tx.assignmentEvent.create({
      data: {
        complaintId: complaint.id,
        at: ctx.now(),
        assignee: member.username,
        previous: complaint.assignee,
        by: options.origin.actor,
        reason: options.reason ?? null,
      },
    });
    return auditedUpdate(tx, ctx, {
      row: complaint,
      data: { assignee: member.username },
      action: complaint.assignee ? 'reassign' : 'assign',
      origin: options.origin,
      ...(options.reason ? { note: { reason: options.reason } } : {}),
    });
  });
  ctx.logger.info({ ref: row.ref, assignee: row.assignee, by: options.origin.actor }, 'assigned');
  return row;
}
