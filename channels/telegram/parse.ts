/**
 * A Telegram Update as JSON. Only `update_id` is checked here (the dedupe key); grammY and the
 * normalizer read the rest, and an update kind this channel does not know is stored unanswered.
 */
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { AppError, issuesFromZod } from '../../src/errors.ts';

const UpdateShape = z.looseObject({ update_id: z.number().int().nonnegative() });

export function parseTelegramBody(raw: string): Update {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('malformed_json', 'Telegram update is not JSON');
  }
  const parsed = UpdateShape.safeParse(json);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'Telegram update lacks update_id', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  return parsed.data as unknown as Update;
}
