/**
 * The hotline channel's settings: its signing secrets, the IVR key-path → category table and the
 * repeat window. Read once at start-up; a bad table stops the start with the entry it could not
 * read.
 */
import { AppError } from '../../src/errors.ts';
import { readRepeatWindowDays, readWebhookSecrets } from '../../src/intake/webhook-settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The call centre's menu as most property hotlines record it ("press 1 for property services");
 * `*` catches every other path. Override with HOTLINE_IVR_CATEGORIES.
 */
export const defaultIvrCategories =
  '1=物业服务,2=维修服务,3=工程质量,4=销售管理,5=服务行为,*=客户服务';

export interface HotlineConfig {
  secrets: Buffer[];
  /** Key path ("1-2", "*") → category; the longest matching prefix wins. */
  ivrCategories: ReadonlyMap<string, string>;
  repeatWindowDays: number;
}

export function parseIvrTable(setting: string): Map<string, string> {
  const table = new Map<string, string>();
  for (const entry of setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [path = '', category = ''] = entry.split('=').map((part) => part.trim());
    if (!/^(\*|[0-9*#](-[0-9*#])*)$/.test(path) || !category || category.length > 50) {
      throw new AppError(
        'config_invalid',
        `HOTLINE_IVR_CATEGORIES: "${entry}" is not KEYS=category (keys like 1-2, or *)`,
      );
    }
    table.set(path, category);
  }
  return table;
}

export function readHotlineConfig(env: Env): HotlineConfig | { off: string } {
  const secrets = readWebhookSecrets(env, 'HOTLINE_WEBHOOK_SECRET');
  if ('off' in secrets) return secrets;
  return {
    secrets: secrets.secrets,
    ivrCategories: parseIvrTable(env.HOTLINE_IVR_CATEGORIES ?? defaultIvrCategories),
    repeatWindowDays: readRepeatWindowDays(env),
  };
}
