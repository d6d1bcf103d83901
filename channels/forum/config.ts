/** The forum channel's settings: its signing secrets, default category and the repeat window. */
import { AppError } from '../../src/errors.ts';
import { readRepeatWindowDays, readWebhookSecrets } from '../../src/intake/webhook-settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface ForumConfig {
  secrets: Buffer[];
  /** For posts whose monitoring script sends no category. */
  defaultCategory: string;
  repeatWindowDays: number;
}

export function readForumConfig(env: Env): ForumConfig | { off: string } {
  const secrets = readWebhookSecrets(env, 'FORUM_WEBHOOK_SECRET');
  if ('off' in secrets) return secrets;
  const defaultCategory = env.FORUM_DEFAULT_CATEGORY?.trim() || '客户服务';
  if (defaultCategory.length > 50) {
    throw new AppError('config_invalid', 'FORUM_DEFAULT_CATEGORY: at most 50 characters');
  }
  return {
    secrets: secrets.secrets,
    defaultCategory,
    repeatWindowDays: readRepeatWindowDays(env),
  };
}
