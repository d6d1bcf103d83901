/**
 * The engine's settings, read once from the environment with the rest of a runtime's: how long an
 * unfinished intake waits (`CHAT_IDLE_MINUTES`, 30) and the answer time promised before the ledger
 * sets a due date (`CHAT_ANSWER_HOURS`, 24). A bad value stops the start-up, naming the variable.
 */
import { AppError } from '../errors.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { Logger } from '../logger.ts';
import { createChatEngine, defaultAnswerWithinHours, defaultIdleMinutes } from './engine.ts';
import type { ChatEngine, FollowUpPort } from './types.ts';

function positive(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new AppError(
      'config_invalid',
      `${name} must be a positive number of ${name.endsWith('HOURS') ? 'hours' : 'minutes'}`,
    );
  }
  return value;
}

/** The engine a runtime hands its channels as `ChannelDeps.chat`. */
export function chatEngineFromEnv(options: {
  ledger: LedgerContext;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  followUps?: FollowUpPort;
}): ChatEngine {
  return createChatEngine({
    ledger: options.ledger,
    logger: options.logger,
    followUps: options.followUps,
    idleMinutes: positive(options.env, 'CHAT_IDLE_MINUTES', defaultIdleMinutes),
    answerWithinHours: positive(options.env, 'CHAT_ANSWER_HOURS', defaultAnswerWithinHours),
  });
}
