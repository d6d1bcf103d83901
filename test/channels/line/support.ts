/**
 * Test helpers for the LINE channel: webhook bodies and events as LINE writes them, signed with the
 * channel secret the way LINE signs them, and an app with the channel mounted over a fresh
 * database and a fake LINE API.
 */
import { createHmac } from 'node:crypto';
import { createLineChannel, type LineChannel } from '../../../channels/line/index.ts';
import { type ChannelTestApp, createChannelTestApp } from '../channel-app.ts';
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

export type LineTestApp = ChannelTestApp<Extract<LineChannel, { on: true }>, FakeLine>;

export async function createLineTestApp(): Promise<LineTestApp> {
  const fake = await startFakeLine({ accessToken });
  return createChannelTestApp('line', fake, (deps) =>
    createLineChannel({ ...deps, env: lineEnv(fake), apiBackoffMs: 1 }),
  );
}
