/** The staff account shape: what `user add` and the console accept, inferred from zod. */
import { z } from 'zod';
import { roles } from '../http/env.ts';
import { passwordRules } from './password.ts';

export const Role = z.enum(roles);

/** Every username `user add` accepts, lower-cased. */
export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export const StaffUserInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(usernamePattern, '2 to 40 letters, digits, dot, dash or underscore'),
    displayName: z.string().trim().min(1).max(50).optional(),
    role: Role,
    team: z.string().trim().min(1).max(50).optional(),
    password: z
      .string()
      .min(passwordRules.min, `at least ${passwordRules.min} characters`)
      .max(passwordRules.max, `at most ${passwordRules.max} characters`),
  })
  .strict();
export type StaffUserInput = z.input<typeof StaffUserInput>;

/** A staff member as the rest of the product sees them: never the hash. */
export interface StaffMember {
  id: number;
  username: string;
  displayName: string;
  role: z.infer<typeof Role>;
  team: string | null;
}

export function toStaffMember(row: {
  id: number;
  username: string;
  displayName: string;
  role: string;
  team: string | null;
}): StaffMember {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: Role.parse(row.role),
    team: row.team,
  };
}
