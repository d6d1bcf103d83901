/**
 * The worker on workerd: `wrangler dev --local` serves src/worker.ts over a local D1 migrated by
 * `wrangler d1 migrations apply`, and requests go in and complaints come out through the API.
 *
 * One worker serves the whole file (starting workerd takes seconds); tests stay independent by
 * using their own dedupe keys and content markers. It runs on the SQLite pass only: D1 is the
 * database here whatever TEST_DATABASE says.
 *
 * Channels join by adding their secrets to `vars` and a test that sends a signed request to
 * `/webhooks/<name>` through `send` (see the note above `vars`).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeLine, startFakeLine } from '../channels/line/fake-line.ts';
import { lineEnv, postLine, textEvent, userId, webhookBody } from '../channels/line/support.ts';
import { type FakeTelegram, startFakeTelegram } from '../channels/telegram/fake-telegram.ts';
import { chatId, postTelegram, telegramEnv, textUpdate } from '../channels/telegram/support.ts';
import { intakeRow, wholeIntake } from '../chat/support.ts';
import { testDialect } from '../support/database.ts';
import { type LocalWorker, startLocalWorker } from '../support/wrangler.ts';

/**
 * Worker bindings for the run. For the hotline add `HOTLINE_WEBHOOK_SECRET: 'whsec_...'` and
 * send a Standard Webhooks-signed body to `/webhooks/hotline`. LINE's settings are added in
 * `beforeAll`, pointing `LINE_API_BASE_URL` at a local fake LINE API: its replies arrive after the
 * 200, so they prove waitUntil. Telegram's point `TELEGRAM_API_ROOT` at a fake Bot API.
 */
const vars = { LOG_LEVEL: 'info', TIMEZONE: 'Asia/Shanghai' };

interface Sent {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field.
  body: any;
}

describe.skipIf(testDialect !== 'sqlite')('worker on workerd with D1', () => {
  let worker: LocalWorker;
  let line: FakeLine;
  let telegram: FakeTelegram;

  /**
   * Every request goes through here: a bearer token, when the API wants one, is added here. An
   * object body is sent as JSON; a string body is sent as it is, with the given headers (a
   * signed webhook: the signature covers these exact bytes).
   */
  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Sent> {
    const raw = typeof body === 'string';
    const auth = path.startsWith('/api/') ? worker.apiHeaders : {};
    const response = await fetch(`${worker.url}${path}`, {
      method,
      headers:
        body === undefined || raw
          ? { ...auth, ...headers }
          : { 'content-type': 'application/json', ...auth, ...headers },
      body: body === undefined || raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  const complaint = (marker: string, dedupeKey: string) => ({
    source: 'hotline',
    dedupeKey,
    content: `${marker} 楼道灯坏了一个月无人修`,
    category: '物业服务',
    complainant: { name: '王先生', phone: '13912345678' },
    location: { project: '森林湖', building: '7' },
  });

  beforeAll(async () => {
    line = await startFakeLine({ accessToken: 'line-test-access-token' });
    telegram = await startFakeTelegram();
    worker = await startLocalWorker({
      vars: { ...vars, ...lineEnv(line), ...telegramEnv(telegram) },
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await line?.close();
    await telegram?.close();
  });

  it('should answer health from D1', async () => {
    const res = await send('GET', '/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: 'sqlite' });
  });

  it('should register a delivery once however often it is redelivered', async () => {
    const first = await send('POST', '/api/complaints', complaint('redeliver', 'call-redeliver'));
    const again = await send('POST', '/api/complaints', complaint('redeliver', 'call-redeliver'));

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.ref).toBe(first.body.ref);
    expect(first.body.complainant.phone).toBe('139****5678');

    const read = await send('GET', `/api/complaints/${first.body.ref}`);
    expect(read.status).toBe(200);
    expect(read.body.content).toContain('redeliver');
    expect(read.body.location.building).toBe('7');
  });

  it('should keep one complaint per event and unique refs under concurrent redeliveries', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `call-burst-${i}`);
    const sent = await Promise.all(
      [...keys, ...keys, ...keys].map((key) =>
        send('POST', '/api/complaints', complaint('burst', key)),
      ),
    );

    expect(sent.map((res) => res.status).filter((status) => status >= 300)).toEqual([]);
    expect(sent.filter((res) => res.status === 201)).toHaveLength(keys.length);
    const listed = await send('GET', '/api/complaints?q=burst&limit=100');
    const refs = listed.body.items.map((item: { ref: string }) => item.ref);
    expect(refs).toHaveLength(keys.length);
    expect(new Set(refs).size).toBe(keys.length);
    expect(new Set(sent.map((res) => res.body.ref))).toEqual(new Set(refs));
  });

  it('should take a LINE conversation to a complaint, replying after the 200', async () => {
    const app = {
      request: (path: string, init?: RequestInit) => fetch(`${worker.url}${path}`, init),
    };
    for (const text of wholeIntake) {
      const before = line.sent.length;
      const res = await postLine(app, webhookBody(textEvent(text)));
      expect(res.status).toBe(200);
      // The reply is sent by work handed to waitUntil: it arrives only if the isolate lives on.
      await line.waitForSent(before + 1);
    }

    const done =
      line.sent
        .at(-1)
        ?.messages.map((message) => message.text)
        .join('\n') ?? '';
    const ref = /编号 (\w+)/.exec(done)?.[1];
    const read = await send('GET', `/api/complaints/${ref}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ref,
      source: 'line',
      category: intakeRow('line', userId).category,
    });
    expect(line.sent.every((item) => item.via === 'reply')).toBe(true);
  });

  it('should answer a Telegram update in the chat before the 200, and refuse a wrong secret', async () => {
    const app = {
      request: (path: string, init?: RequestInit) => fetch(`${worker.url}${path}`, init),
    };

    const refused = await postTelegram(app, textUpdate('你好'), 'wrong-secret');
    const res = await postTelegram(app, textUpdate('你好'));

    expect(refused.status).toBe(401);
    expect(res.status).toBe(200);
    expect(telegram.sent.map((item) => item.chat_id)).toContain(chatId);
    expect(telegram.sent.map((item) => item.text).join('\n')).toContain('请选择投诉类别');
    expect(telegram.calls).not.toContain('getMe');
  });

  it('should refuse a bad complaint with the same error codes as on Node', async () => {
    const invalid = await send('POST', '/api/complaints', { source: 'fax', content: 'x' });
    const missing = await send('GET', '/api/complaints/Q999');

    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('validation_failed');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('complaint_not_found');
  });

  it('should run the escalation sweep on the cron trigger and flag an overdue complaint', async () => {
    const old = await send('POST', '/api/complaints', {
      ...complaint('sweep', 'call-sweep'),
      receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
    });
    expect(old.body.handling.overdue).toBe(false);

    const res = await send('GET', `/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);

    expect(res.status).toBe(200);
    const read = await send('GET', `/api/complaints/${old.body.ref}`);
    expect(read.body.handling.overdue).toBe(true);
    // The worker's log reaches wrangler's output a moment after the response.
    await vi.waitFor(
      () => expect(worker.child.output()).toContain('scheduled escalation sweep done'),
      { timeout: 10_000 },
    );
  });

  it('should keep phone numbers and message text out of the logs', async () => {
    const res = await send('POST', '/api/complaints', complaint('logged', 'call-logged'));

    await vi.waitFor(() => expect(worker.child.output()).toContain(`"ref":"${res.body.ref}"`), {
      timeout: 10_000,
    });
    expect(worker.child.output()).not.toContain('13912345678');
    expect(worker.child.output()).not.toContain('楼道灯坏了');
  });
});
