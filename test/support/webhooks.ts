/** A fresh app with the Standard Webhooks channels on, and a signer for their requests. */

import { createApiToken } from '../../src/accounts/api-tokens.ts';
import { chatEngineFromEnv } from '../../src/chat/config.ts';
import { createApp } from '../../src/http/app.ts';
import { createChannels, type MountedChannel } from '../../src/intake/channel.ts';
import { channelFactories } from '../../src/intake/registry.ts';
import { signPayload } from '../../src/intake/standard-webhooks.ts';
import { attachSenders } from '../../src/ledger/context.ts';
import { followUpPort } from '../../src/ledger/follow-ups.ts';
import { silentLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const hotlineSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const forumSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

export const webhookEnv = {
  HOTLINE_WEBHOOK_SECRET: hotlineSecret,
  FORUM_WEBHOOK_SECRET: forumSecret,
};

export interface WebhookTestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  channels: MountedChannel[];
  /** Another app over the same database, like a second server instance behind the balancer. */
  instance(): ReturnType<typeof createApp>;
  /** A GET on the staff API with a supervisor's token. */
  api(path: string): Promise<Response>;
  close(): Promise<void>;
}

export async function createWebhookTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<WebhookTestApp> {
  const env = { ...webhookEnv, ...options.env };
  const database = await createTestDatabase({ env });
  const logger = silentLogger();
  const build = () => {
    const { ledger } = database;
    const chat = chatEngineFromEnv({ ledger, logger, env, followUps: followUpPort(ledger) });
    const channels = createChannels(channelFactories, { ledger, logger, env, chat });
    attachSenders(ledger, channels);
    return { channels, app: createApp({ ledger: database.ledger, logger, channels }) };
  };
  const { app, channels } = build();
  const { token } = await createApiToken(database.ledger, { name: 'test', role: 'supervisor' });
  const api = async (path: string) =>
    await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return {
    app,
    database,
    channels,
    api,
    instance: () => build().app,
    close: () => database.drop(),
  };
}

export interface SignedRequest {
  /** Sent as it is when a string or bytes; anything else as JSON. */
  body: unknown;
  secret?: string;
  id?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  contentType?: string;
}

let counter = 0;

/** Builds the headers and body of a signed delivery. */
export function signedInit(request: SignedRequest): RequestInit {
  const raw = typeof request.body === 'string' || request.body instanceof Uint8Array;
  const body = raw ? (request.body as string | Uint8Array) : JSON.stringify(request.body);
  const id = request.id ?? `msg_test_${process.pid}_${++counter}`;
  const timestamp = request.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    method: 'POST',
    headers: {
      'content-type': request.contentType ?? 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload({
        secret: request.secret ?? hotlineSecret,
        id,
        timestamp,
        body,
      }),
    },
    body: body as BodyInit,
  };
}

/** Posts a signed delivery to a channel and returns the status and parsed body. */
export async function postSigned(
  app: WebhookTestApp['app'],
  channel: 'hotline' | 'forum',
  request: SignedRequest,
  // biome-ignore lint/suspicious/noExplicitAny: tests read whichever fields the answer has
): Promise<{ status: number; body: any }> {
  const secret = request.secret ?? (channel === 'forum' ? forumSecret : hotlineSecret);
  const response = await app.request(`/webhooks/${channel}`, signedInit({ ...request, secret }));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A complete call record; override fields per test. */
export function callRecord(overrides: Record<string, unknown> = {}) {
  return {
    callId: 'C20261004-0042',
    caller: '13812345678',
    called: '4008001234',
    direction: 'inbound',
    startedAt: new Date(Date.now() - 600_000).toISOString(),
    endedAt: new Date(Date.now() - 300_000).toISOString(),
    ivrKeys: ['2', '1'],
    queue: 'repairs',
    agent: { id: 'A017', name: '李娜' },
    recordingUrl: 'https://ivr.example.com/recordings/C20261004-0042.mp3',
    transcript: '客户来电反映卫生间漏水',
    captured: {
      complainantName: '王先生',
      summary: '卫生间顶棚漏水已一周，物业维修未到场',
      project: '郑州·森林湖',
      building: '3',
      unit: '2',
      room: '503',
    },
    ...overrides,
  };
}

export function forumPost(overrides: Record<string, unknown> = {}) {
  return {
    postId: '88231907',
    url: 'https://bbs.example.com/thread-88231907-1-1.html',
    site: 'bbs.example.com',
    board: '业主论坛',
    author: '森林湖老业主',
    title: '森林湖3号楼漏水一周没人管',
    body: '卫生间顶棚漏水一周了，打了几次物业电话都说排期',
    postedAt: new Date(Date.now() - 3_600_000).toISOString(),
    capturedAt: new Date(Date.now() - 60_000).toISOString(),
    keywords: ['漏水'],
    threadId: '88231907',
    ...overrides,
  };
}
