/** A fresh app over a fresh database, for tests that go through `app.request()`. */
import { createApp } from '../../src/http/app.ts';
import { silentLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options);
  const app = createApp({ ledger: database.ledger, logger: silentLogger() });
  return { app, database, close: () => database.drop() };
}

/** Sends JSON to the app and returns the status and parsed body. */
export async function sendJson(
  app: TestApp['app'],
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON read by tests
): Promise<{ status: number; body: any }> {
  const response = await app.request(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
