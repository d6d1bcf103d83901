/** API tokens for integrations: created once and printed, then known only by their digest. */
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Role } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { digestToken, randomToken } from './secrets.ts';
import { Role as RoleSchema } from './staff.ts';

// The prefix makes a leaked token recognisable to secret scanners and in support requests.
const tokenPrefix = 'tzk_';

const TokenName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/, '1 to 60 letters, digits, dot, dash or underscore');

/** A new token and the digest to store for it; the token itself is shown once and kept nowhere. */
export async function mintApiToken(): Promise<{ token: string; tokenHash: string }> {
  const token = `${tokenPrefix}${randomToken()}`;
  return { token, tokenHash: await digestToken(token) };
}

export async function createApiToken(
  ctx: LedgerContext,
  options: { name: string; role: Role },
): Promise<{ token: string; name: string; role: Role }> {
  const name = TokenName.safeParse(options.name);
  if (!name.success)
    throw new AppError('bad_request', `token name: ${name.error.issues[0]?.message}`);
  const role = RoleSchema.safeParse(options.role);
  if (!role.success) throw new AppError('bad_request', 'the role is supervisor, agent or viewer');
  const existing = await ctx.db.prisma.apiToken.findUnique({ where: { name: name.data } });
  if (existing) throw new AppError('conflict', `a token named "${name.data}" exists`);

  const { token, tokenHash } = await mintApiToken();
  await ctx.db.prisma.apiToken.create({ data: { name: name.data, role: role.data, tokenHash } });
  ctx.logger.info({ tokenName: name.data, role: role.data }, 'API token created');
  return { token, name: name.data, role: role.data };
}

export async function findApiToken(
  ctx: LedgerContext,
  options: { token: string },
): Promise<{ name: string; role: Role } | null> {
  if (!options.token.startsWith(tokenPrefix)) return null;
  const row = await ctx.db.prisma.apiToken.findUnique({
    where: { tokenHash: await digestToken(options.token) },
  });
  if (!row || row.revokedAt) return null;
  // Written at most once a minute, so that a busy integration does not write on every request.
  const now = ctx.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { name: row.name, role: RoleSchema.parse(row.role) };
}
