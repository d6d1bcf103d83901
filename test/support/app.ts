/**
 * A fresh app over a fresh database, for tests that go through `app.request()`. Each app has an
 * API token per role; `sendJson` sends the supervisor's unless told to act as someone else.
 */

import { addStaffUser } from '../../src/accounts/add-staff-user.ts';
import { createApiToken } from '../../src/accounts/api-tokens.ts';
import { createApp } from '../../src/http/app.ts';
import type { Role } from '../../src/http/env.ts';
import { silentLogger } from '../../src/logger.ts';
import { nodeConsoleAssets } from '../../src/node/assets.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

/** A referral as staff would register it; tests override fields. */
export const referral = {
  source: 'referral',
  complainant: { name: '姚女士', phone: '13812345678' },
  content: '交房已两年房产证仍未办下来，要求给出办证时间并解释原因',
  category: '客户服务',
  location: { project: '郑州·森林湖', building: '3' },
};

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  /** An API token for each role. */
  tokens: Record<Role, string>;
  close(): Promise<void>;
}

const appTokens = new WeakMap<TestApp['app'], Record<Role, string>>();

export async function createTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options);
  const app = createApp({
    ledger: database.ledger,
    logger: silentLogger(),
    assets: nodeConsoleAssets(),
  });
  const tokens = {} as Record<Role, string>;
  for (const role of ['supervisor', 'agent', 'viewer'] as const) {
    tokens[role] = (await createApiToken(database.ledger, { name: `test-${role}`, role })).token;
  }
  appTokens.set(app, tokens);
  return { app, database, tokens, close: () => database.drop() };
}

/**
 * Who a test request acts as: a role's API token (the supervisor's by default), nobody, a given
 * token, or a console session cookie from `signIn`.
 */
export type As = Role | 'anonymous' | { token: string } | { cookie: string };

export function authHeaders(app: TestApp['app'], as: As = 'supervisor'): Record<string, string> {
  if (as === 'anonymous') return {};
  if (typeof as === 'object') {
    return 'token' in as ? { authorization: `Bearer ${as.token}` } : { cookie: as.cookie };
  }
  const token = appTokens.get(app)?.[as];
  if (!token) throw new Error('sendJson: this app was not made by createTestApp');
  return { authorization: `Bearer ${token}` };
}

/** Sends JSON to the app and returns the status and parsed body. */
export async function sendJson(
  app: TestApp['app'],
  method: string,
  path: string,
  body?: unknown,
  options: { as?: As } = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON read by tests
): Promise<{ status: number; body: any }> {
  const response = await app.request(path, {
    method,
    headers: {
      ...authHeaders(app, options.as),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Creates a console account quickly (a low bcrypt cost, for tests only). */
export async function addStaff(
  t: TestApp,
  account: { username: string; role: Role; password?: string; team?: string; name?: string },
) {
  return addStaffUser(t.database.ledger, {
    input: {
      username: account.username,
      role: account.role,
      password: account.password ?? 'correct horse battery',
      ...(account.team ? { team: account.team } : {}),
      ...(account.name ? { displayName: account.name } : {}),
    },
    cost: 4,
  });
}

/** Signs in through the login form and returns the session cookie and the page's CSRF token. */
export async function signIn(
  t: TestApp,
  username: string,
  password = 'correct horse battery',
): Promise<{ cookie: string; csrf: string; status: number }> {
  const form = await t.app.request('/login');
  const loginCookie = cookiesFrom(form);
  const csrf = csrfFrom(await form.text());
  const response = await t.app.request('/login', {
    method: 'POST',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  const cookie = cookiesFrom(response);
  if (response.status !== 303) return { cookie: '', csrf: '', status: response.status };
  const page = await t.app.request('/ledger', { headers: { cookie } });
  return { cookie, csrf: csrfFrom(await page.text()), status: response.status };
}

export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .filter((pair) => pair && !pair.endsWith('='))
    .join('; ');
}

export function csrfFrom(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** Posts a console form with the session cookie. */
export function postForm(
  t: TestApp,
  path: string,
  session: { cookie: string; csrf: string },
  fields: Record<string, string> = {},
) {
  return t.app.request(path, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  });
}
