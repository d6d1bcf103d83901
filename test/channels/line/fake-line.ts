/**
 * A local stand-in for api.line.me speaking the documented JSON: `POST /v2/bot/message/reply`
 * (each reply token works once; a spent or unknown one answers 400 "Invalid reply token"),
 * `POST /v2/bot/message/push` (a repeated X-Line-Retry-Key answers 409) and
 * `GET /v2/bot/profile/{userId}`. Every call needs the channel access token. Answers can be
 * scripted ahead to play LINE's failures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRecorder } from '../recorder.ts';

export interface LineTextMessage {
  type: string;
  text: string;
  quickReply?: {
    items: Array<{ type: string; action: { type: string; label: string; data: string } }>;
  };
}

export interface SentLine {
  via: 'reply' | 'push';
  /** The user for a push; the reply token for a reply. */
  to: string;
  messages: LineTextMessage[];
  retryKey?: string;
}

export interface FakeLine {
  baseUrl: string;
  sent: SentLine[];
  profileRequests: string[];
  /** Languages by user id, as profiles report them; users not listed have no language. */
  languages: Map<string, string>;
  /** Marks a reply token as already used or expired. */
  spend(replyToken: string): void;
  /** Answers the next reply/push calls with these HTTP statuses, in order. */
  force(...statuses: number[]): void;
  waitForSent(count: number): Promise<SentLine[]>;
  close(): Promise<void>;
}

export async function startFakeLine(options: { accessToken: string }): Promise<FakeLine> {
  const spent = new Set<string>();
  const retryKeys = new Set<string>();
  const forced: number[] = [];
  const sent = createRecorder<SentLine>();
  const record = sent.record;

  const fake: FakeLine = {
    baseUrl: '',
    sent: sent.items,
    profileRequests: [],
    languages: new Map(),
    spend: (token) => spent.add(token),
    force: (...statuses) => forced.push(...statuses),
    waitForSent: sent.waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return json(401, {
        message: 'Authentication failed. Confirm that the access token is valid.',
      });
    }

    const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && profile?.[1]) {
      const userId = decodeURIComponent(profile[1]);
      fake.profileRequests.push(userId);
      const language = fake.languages.get(userId);
      return json(200, { userId, displayName: 'LINE user', ...(language ? { language } : {}) });
    }

    const isReply = url.pathname === '/v2/bot/message/reply';
    const isPush = url.pathname === '/v2/bot/message/push';
    if (request.method === 'POST' && (isReply || isPush)) {
      const next = forced.shift();
      if (next) return json(next, { message: 'forced' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (!Array.isArray(body.messages) || body.messages.length < 1 || body.messages.length > 5) {
        return json(400, { message: 'The request body has 1 error(s)' });
      }
      if (isReply) {
        if (typeof body.replyToken !== 'string' || spent.has(body.replyToken)) {
          return json(400, { message: 'Invalid reply token' });
        }
        spent.add(body.replyToken);
        record({ via: 'reply', to: body.replyToken, messages: body.messages });
        return json(200, { sentMessages: [] });
      }
      const retryKey = request.headers['x-line-retry-key'] as string | undefined;
      if (retryKey && retryKeys.has(retryKey)) {
        return json(409, { message: 'The retry key is already accepted' });
      }
      if (retryKey) retryKeys.add(retryKey);
      record({ via: 'push', to: body.to, messages: body.messages, retryKey });
      return json(200, { sentMessages: [] });
    }

    json(404, { message: 'Not found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
