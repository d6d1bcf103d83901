/**
 * Settings shared by the Standard Webhooks channels, read once by each channel's config.ts.
 * A bad value fails at start-up naming the variable; an unset secret switches the channel off.
 */
import { AppError } from '../errors.ts';
import { parseSecrets } from './standard-webhooks.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Days in which a later call or post about the same still-open matter adds to it. */
export const defaultRepeatWindowDays = 30;

export function readRepeatWindowDays(env: Env): number {
  const value = env.REPEAT_WINDOW_DAYS?.trim();
  if (!value) return defaultRepeatWindowDays;
  if (!/^\d{1,4}$/.test(value)) {
    throw new AppError(
      'config_invalid',
      'REPEAT_WINDOW_DAYS: expected whole days, 0 to switch off',
    );
  }
  return Number(value);
}

/** The keys of a comma-separated `whsec_` setting, or why the channel is off. */
export function readWebhookSecrets(
  env: Env,
  name: string,
): { secrets: Buffer[] } | { off: string } {
  if (!env[name]?.trim()) return { off: `${name} is not set` };
  try {
    return { secrets: parseSecrets(env[name]) };
  } catch (error) {
    throw new AppError('config_invalid', `${name}: ${(error as Error).message}`);
  }
}
