import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createNotifier, type Notification } from '../../src/workflow/notify.ts';

const notification: Notification = {
  kind: 'overdue',
  ref: 'W001',
  level: 2,
  assignee: 'wang',
  notify: ['boss'],
  at: '2026-06-16T02:00:00.000Z',
  detail: { dueAt: '2026-06-08T02:00:00.000Z' },
};

describe('createNotifier', () => {
  let server: Server;
  let url: string;
  let received: Array<{ type: string | undefined; body: unknown }>;
  /** Statuses the hook answers with, one a request; 204 once they run out. */
  let answers: number[];

  beforeEach(async () => {
    received = [];
    answers = [];
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          type: request.headers['content-type'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.statusCode = answers.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('should POST the notification as JSON to the hook', async () => {
    const notifier = createNotifier({ url, logger: silentLogger() });
    notifier.notify(notification);
    await notifier.flush();
    expect(received).toEqual([{ type: 'application/json', body: notification }]);
  });

  it('should retry a refused notification until the hook takes it', async () => {
    answers = [500, 503];
    const notifier = createNotifier({ url, logger: silentLogger(), backoffMs: 1 });
    notifier.notify(notification);
    await notifier.flush();
    expect(received).toHaveLength(3);
  });

  it('should give up after its attempts', async () => {
    answers = [500, 500, 500, 500, 500];
    const notifier = createNotifier({ url, logger: silentLogger(), backoffMs: 1, attempts: 2 });
    notifier.notify(notification);
    await notifier.flush();
    expect(received).toHaveLength(2);
  });
});
