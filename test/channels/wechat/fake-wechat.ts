/**
 * A local stand-in for api.weixin.qq.com speaking the documented JSON: `GET /cgi-bin/token` issues
 * access tokens for one app id and secret, `POST /cgi-bin/message/custom/send` takes text messages
 * with a current token. Answers can be scripted ahead to play WeChat's failures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  touser: string;
  msgtype: string;
  text?: { content: string };
}

/**
 * A scripted answer for the next custom/send call: an errcode, a bare HTTP status, or no answer
 * at all (the connection stays open until the client gives up or the fake closes).
 */
export type ForcedAnswer = { errcode: number } | { httpStatus: number } | { stall: true };

export interface FakeWechat {
  baseUrl: string;
  sent: SentMessage[];
  tokenRequests: number;
  /** custom/send calls received, answered or not. */
  sendAttempts: number;
  /** Answers the next custom/send calls with these, in order, before behaving normally. */
  force(...answers: ForcedAnswer[]): void;
  /** Makes the current token stale, as WeChat does when a new one is issued elsewhere. */
  expireToken(): void;
  /** Resolves once `count` messages have been accepted. */
  waitForSent(count: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export async function startFakeWechat(options: { appId: string; secret: string }) {
  let current: string | undefined;
  let issued = 0;
  const forced: ForcedAnswer[] = [];
  const waiters: Array<{ count: number; resolve: (sent: SentMessage[]) => void }> = [];

  const fake = {
    baseUrl: '',
    sent: [] as SentMessage[],
    tokenRequests: 0,
    sendAttempts: 0,
    force: (...answers: ForcedAnswer[]) => forced.push(...answers),
    expireToken: () => {
      current = undefined;
    },
    waitForSent(count: number) {
      if (fake.sent.length >= count) return Promise.resolve(fake.sent);
      return new Promise<SentMessage[]>((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

    if (request.method === 'GET' && url.pathname === '/cgi-bin/token') {
      fake.tokenRequests++;
      const params = url.searchParams;
      if (params.get('grant_type') !== 'client_credential') {
        return json(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      }
      if (params.get('appid') !== options.appId || params.get('secret') !== options.secret) {
        return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      }
      current = `ACCESS_TOKEN_${++issued}`;
      return json(200, { access_token: current, expires_in: 7200 });
    }

    if (request.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      const next = forced.shift();
      fake.sendAttempts++;
      if (next && 'stall' in next) return;
      if (next && 'httpStatus' in next) return json(next.httpStatus, {});
      if (next) return json(200, { errcode: next.errcode, errmsg: 'forced' });
      if (!current || url.searchParams.get('access_token') !== current) {
        return json(200, { errcode: 40001, errmsg: 'invalid credential' });
      }
      fake.sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentMessage);
      for (const waiter of waiters.filter((w) => fake.sent.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(fake.sent);
      }
      return json(200, { errcode: 0, errmsg: 'ok' });
    }

    json(404, { errcode: 404, errmsg: 'no such API in the fake' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake as FakeWechat;
}
