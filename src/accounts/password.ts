/**
 * Password hashing with bcryptjs: pure JavaScript, so it runs unchanged on Node and on Workers,
 * with no native build or downloaded binary. Pure JavaScript is slower than native code, so the
 * cost is 10 (OWASP's floor for bcrypt, about a quarter second here); each hash records its cost,
 * so raising it later only affects new passwords.
 */
import bcrypt from 'bcryptjs';

export const passwordRules = { min: 10, max: 72 } as const;

export const defaultCost = 10;

export function hashPassword(password: string, cost = defaultCost): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the username is unknown, so that a miss takes as long as a wrong password
// and the timing does not tell which usernames exist.
let decoyHash: Promise<string> | undefined;

export async function spendDecoyCheck(password: string): Promise<void> {
  decoyHash ??= bcrypt.hash('no such account', defaultCost);
  await bcrypt.compare(password, await decoyHash);
}
