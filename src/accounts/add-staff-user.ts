/** Creates a staff account; a taken username is a conflict, not an overwrite. */
import { AppError, issuesFromZod } from '../errors.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { hashPassword } from './password.ts';
import { type StaffMember, StaffUserInput, toStaffMember } from './staff.ts';

export async function addStaffUser(
  ctx: LedgerContext,
  options: { input: StaffUserInput; cost?: number },
): Promise<StaffMember> {
  const parsed = StaffUserInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'the account is not valid', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const input = parsed.data;
  const existing = await ctx.db.prisma.staffUser.findUnique({
    where: { username: input.username },
  });
  if (existing) throw new AppError('conflict', `the username "${input.username}" is taken`);

  const row = await ctx.db.prisma.staffUser.create({
    data: {
      username: input.username,
      displayName: input.displayName ?? input.username,
      role: input.role,
      team: input.team ?? null,
      passwordHash: await hashPassword(input.password, options.cost),
    },
  });
  ctx.logger.info({ userId: row.id, role: row.role }, 'staff account created');
  return toStaffMember(row);
}
