/**
 * Password hashing with bcryptjs: pure JavaScript, so it runs unchanged on Node and on Workers,
 * with no native build or downloaded binary. Cost 12 is about a quarter second on a server core.
 */
import bcrypt from 'bcryptjs';

export const passwordRules = { min: 10, max: 72 } as const;

export function hashPassword(password: string, cost = 12): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the username is unknown, so that a miss takes as long as a wrong password
// and the timing does not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

export async function spendDecoyCheck(password: string): Promise<void> {
  decoyHash ??= bcrypt.hash('no such account', 12);
  await bcrypt.compare(password, await decoyHash);
}
