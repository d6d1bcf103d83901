/** Which database a `DATABASE_URL` names. */
import { isAbsolute, resolve } from 'node:path';
import { AppError } from '../errors.ts';

export type Dialect = 'sqlite' | 'postgresql';

export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgresql'; connectionString: string };

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgresql', connectionString: url };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path === ':memory:') return { dialect: 'sqlite', path };
    return { dialect: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  throw new AppError(
    'config_invalid',
    'DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)',
  );
}

/** The URL with any password replaced, fit for a start-up line or a log. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `SQLite ${target.path}`;
  const url = new URL(target.connectionString);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
