/**
 * Console sessions: opened at sign-in, found by the cookie's token, closed at sign-out. Each
 * session carries its own CSRF token, which every form posts back.
 */
import type { LedgerContext } from '../ledger/context.ts';
import { digestToken, randomToken } from './secrets.ts';
import { type StaffMember, toStaffMember } from './staff.ts';

export const sessionHours = 12;

export interface OpenSession {
  member: StaffMember;
  csrfToken: string;
}

/** Opens a session and returns the token for the cookie; it is not stored anywhere else. */
export async function openSession(
  ctx: LedgerContext,
  options: { userId: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(ctx.now().getTime() + sessionHours * 3_600_000);
  await ctx.db.prisma.staffSession.create({
    data: {
      tokenHash: await digestToken(token),
      userId: options.userId,
      csrfToken: randomToken(24),
      expiresAt,
    },
  });
  return { token, expiresAt };
}

export async function findSession(
  ctx: LedgerContext,
  options: { token: string },
): Promise<OpenSession | null> {
  const row = await ctx.db.prisma.staffSession.findUnique({
    where: { tokenHash: await digestToken(options.token) },
    include: { user: true },
  });
  if (!row || row.expiresAt <= ctx.now() || row.user.disabled) return null;
  return { member: toStaffMember(row.user), csrfToken: row.csrfToken };
}

export async function closeSession(ctx: LedgerContext, options: { token: string }): Promise<void> {
  await ctx.db.prisma.staffSession.deleteMany({
    where: { tokenHash: await digestToken(options.token) },
  });
}
