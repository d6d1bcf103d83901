/**
 * Checks a username and password. Five wrong passwords in a row lock the account for fifteen
 * minutes; while locked even the right password is refused, so guessing cannot go on in the
 * background. The caller learns only "wrong" or "locked", never whether the username exists.
 */
import type { LedgerContext } from '../ledger/context.ts';
import { spendDecoyCheck, verifyPassword } from './password.ts';
import { type StaffMember, toStaffMember, usernamePattern } from './staff.ts';

export const lockout = { attempts: 5, minutes: 15 } as const;

export type AuthenticateResult =
  | { ok: true; member: StaffMember }
  | { ok: false; reason: 'invalid' | 'locked' };

export async function authenticateStaff(
  ctx: LedgerContext,
  options: { username: string; password: string },
): Promise<AuthenticateResult> {
  const prisma = ctx.db.prisma;
  const username = options.username.trim().toLowerCase();
  // A name no account can have (NUL, a megabyte of text) is not worth a database round trip.
  const row = usernamePattern.test(username)
    ? await prisma.staffUser.findUnique({ where: { username } })
    : null;
  if (!row || row.disabled) {
    await spendDecoyCheck(options.password);
    return { ok: false, reason: 'invalid' };
  }

  const now = ctx.now();
  if (row.lockedUntil && row.lockedUntil > now) return { ok: false, reason: 'locked' };

  if (await verifyPassword(options.password, row.passwordHash)) {
    if (row.failedLogins > 0 || row.lockedUntil) {
      await prisma.staffUser.update({
        where: { id: row.id },
        data: { failedLogins: 0, lockedUntil: null },
      });
    }
    return { ok: true, member: toStaffMember(row) };
  }

  // Counted in the database so that concurrent guesses are all counted.
  const updated = await prisma.staffUser.update({
    where: { id: row.id },
    data: { failedLogins: { increment: 1 } },
  });
  if (updated.failedLogins >= lockout.attempts) {
    await prisma.staffUser.update({
      where: { id: row.id },
      data: {
        failedLogins: 0,
        lockedUntil: new Date(now.getTime() + lockout.minutes * 60_000),
      },
    });
    ctx.logger.warn({ userId: row.id }, 'staff account locked after repeated failed sign-ins');
    return { ok: false, reason: 'locked' };
  }
  return { ok: false, reason: 'invalid' };
}
