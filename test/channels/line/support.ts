/**
 * Test helpers for the LINE channel: webhook bodies and events as LINE writes them, signed with the
 * channel secret the way LINE signs them, and an app with the channel mounted over a fresh
 * database and a fake LINE API.
 */
import { createHmac } from 'node:crypto';
import { createLineChannel, type LineChannel } from '../../../channels/line/index.ts';
import { createApp } from '../../../src/http/app.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { ScriptedEngine } from '../wechat/support.ts';
import { type FakeLine, startFakeLine } from './fake-line.ts';

export const channelSecret = '8c570fa6dd201bb328f1c1eac23a96d8';
export const accessToken = 'line-test-access-token';
export const userId = 'U4af4980629a0b4a2f7b5d1e2c5e1f0a1';

export const lineEnv = (fake: FakeLine) => ({
  LINE_CHANNEL_SECRET: channelSecret,
  LINE_CHANNEL_ACCESS_TOKEN: accessToken,
  LINE_API_BASE_URL: fake.baseUrl,
});

/** The base64 HMAC-SHA256 LINE puts in x-line-signature. */
export const lineSignature = (body: string, secret = channelSecret) =>
  createHmac('sha256', secret).update(body).digest('base64');

let events = 0;

/** One event from a one-to-one chat; `fields` adds the type's own (message, postback ...). */
export function lineEvent(type: string, fields: Record<string, unknown> = {}, from = userId) {
  events++;
  return {
    type,
    mode: 'active',
    timestamp: 1_790_000_000_000 + events,
    source: { type: 'user', userId: from },
    webhookEventId: `01HLINE${process.pid}E${events}`,
    deliveryContext: { isRedelivery: false },
    replyToken: `reply-token-${process.pid}-${events}`,
    ...fields,
  };
}

export const textEvent = (text: string, from = userId) =>
  lineEvent('message', { message: { id: `${++events}`, type: 'text', text } }, from);

export const webhookBody = (...lineEvents: unknown[]) =>
  JSON.stringify({ destination: 'Uaccountdestination0000000000000', events: lineEvents });

/** Posts a body signed as LINE signs it (or with the given signature; null sends none). */
export function postLine(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  body: string,
  signature: string | null = lineSignature(body),
) {
  return app.request('/webhooks/line', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-line-signature': signature }),
    },
    body,
  });
}

export interface LineTestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  channel: Extract<LineChannel, { on: true }>;
  engine: ScriptedEngine;
  fake: FakeLine;
  close(): Promise<void>;
}

export async function createLineTestApp(): Promise<LineTestApp> {
  const fake = await startFakeLine({ accessToken });
  const database = await createTestDatabase();
  const engine = new ScriptedEngine();
  const channel = createLineChannel({
    engine,
    ledger: database.ledger,
    logger: silentLogger(),
    env: lineEnv(fake),
    apiBackoffMs: 1,
  });
  if (!channel.on) throw new Error(`channel off: ${channel.reason}`);
  const app = createApp({
    ledger: database.ledger,
    logger: silentLogger(),
    channels: [{ name: 'line', status: channel }],
  });
  return {
    app,
    database,
    channel,
    engine,
    fake,
    async close() {
      engine.release();
      await channel.close();
      await fake.close();
      await database.drop();
    },
  };
}
