/**
 * Settings, read once from the environment (and a `.env` file when present) and checked at start-up:
 * a bad value stops the process with a message naming the variable, never a request later on.
 */
import { z } from 'zod';
import { propertyCategories } from './complaint/categories.ts';
import { defaultRefPrefixes, type RefFormat } from './complaint/refs.ts';
import { Source, sources } from './complaint/schema.ts';
import { AppError, issuesFromZod } from './errors.ts';
import { loadWorkflowSettings, type WorkflowSettings } from './workflow/settings.ts';

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('file:./data/taizhang.db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  TIMEZONE: z.string().default('Asia/Shanghai'),
  CATEGORIES: z.string().optional(),
  REF_PREFIXES: z.string().optional(),
  REF_WIDTH: z.coerce.number().int().min(1).max(9).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Settings {
  port: number;
  host: string;
  databaseUrl: string;
  databasePoolSize: number;
  databaseTimeoutMs: number;
  timezone: string;
  categories: string[];
  refs: RefFormat;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Levels, time limits, follow-ups, the sweep and notifications (src/workflow/settings.ts). */
  workflow: WorkflowSettings;
  /** The raw environment, for channel factories that read their own secrets from it. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Parses `REF_PREFIXES` such as `line=N,telegram=T` over the defaults. */
function parsePrefixes(value: string | undefined): Record<Source, string> {
  const prefixes = { ...defaultRefPrefixes };
  for (const pair of list(value) ?? []) {
    const [name, prefix = ''] = pair.split('=').map((part) => part.trim());
    const source = Source.safeParse(name);
    if (!source.success || !/^[A-Za-z]{0,4}$/.test(prefix)) {
      throw new AppError(
        'config_invalid',
        `REF_PREFIXES: "${pair}" is not source=PREFIX (sources: ${sources.join(', ')})`,
      );
    }
    prefixes[source.data] = prefix.toUpperCase();
  }
  return prefixes;
}

export function loadSettings(env: Record<string, string | undefined>): Settings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const detail = issuesFromZod(parsed.error.issues)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ');
    throw new AppError('config_invalid', `invalid settings: ${detail}`);
  }
  const values = parsed.data;
  try {
    new Intl.DateTimeFormat('en', { timeZone: values.TIMEZONE });
  } catch {
    throw new AppError('config_invalid', `TIMEZONE: unknown time zone "${values.TIMEZONE}"`);
  }

  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    databaseTimeoutMs: values.DATABASE_TIMEOUT_MS,
    timezone: values.TIMEZONE,
    categories: list(values.CATEGORIES) ?? [...propertyCategories],
    refs: { prefixes: parsePrefixes(values.REF_PREFIXES), width: values.REF_WIDTH },
    logLevel: values.LOG_LEVEL,
    workflow: loadWorkflowSettings(env),
    env,
  };
}
