/**
 * A Telegram Update as JSON. Only `update_id` is checked here (the dedupe key); grammY and the
 * normalizer read the rest, and an update kind this channel does not know is stored unanswered.
 */
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { readJsonBody } from '../../src/intake/json-body.ts';

const UpdateShape = z.looseObject({ update_id: z.number().int().nonnegative() });

/** Parses the authenticated raw body; the Update type is grammY's, which reads the rest. */
export const parseTelegramBody = (raw: string): Update =>
  readJsonBody(UpdateShape, raw, 'Telegram update') as unknown as Update;
