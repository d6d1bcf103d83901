/**
 * A chat platform's JSON body, read after its signature was checked: not JSON answers 400
 * `malformed_json`, JSON of the wrong shape 422 `validation_failed` with the offending paths.
 */
import type { z } from 'zod';
import { AppError, issuesFromZod } from '../errors.ts';

export function readJsonBody<T>(schema: z.ZodType<T>, raw: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('malformed_json', `${what} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('validation_failed', `${what} lacks required fields`, {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  return parsed.data;
}
