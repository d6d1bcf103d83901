/**
 * A local stand-in for api.telegram.org speaking the Bot API's documented JSON: every method at
 * `/bot<token>/<method>` answers `{ ok, result }` or `{ ok: false, error_code, description }`.
 * It knows getMe, sendMessage, answerCallbackQuery, getFile, setWebhook, deleteWebhook and
 * getUpdates (long polling: held open until an update is queued or `timeout` runs out, and the
 * offset confirms what came before). A wrong token answers 401 as Telegram does.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRecorder } from '../recorder.ts';

export interface SentTelegram {
  chat_id: number;
  text: string;
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

export interface FakeTelegram {
  apiRoot: string;
  sent: SentTelegram[];
  answeredCallbacks: string[];
  /** Every method called, in order. */
  calls: string[];
  /** Queues an update for getUpdates; its update_id is given when missing. */
  queue(update: Record<string, unknown>): number;
  /** Answers the next sendMessage calls with these errors, in order. */
  force(...errors: Array<{ error_code: number; description: string; retry_after?: number }>): void;
  waitForSent(count: number): Promise<SentTelegram[]>;
  /**
   * Resolves once a getUpdates confirms `updateId` (its offset is past it): a poller asks again
   * only after handling what it got, so the update's turn has ended.
   */
  waitForConfirmed(updateId: number): Promise<void>;
  close(): Promise<void>;
}

export const botToken = '7012345678:AAH3nTt6Yw8cE0pLrVqZ9sKdXbFmJgUiO2A';

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if ((request.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw);
  return Object.fromEntries(new URLSearchParams(raw));
}

export async function startFakeTelegram(token = botToken): Promise<FakeTelegram> {
  let nextId = 500_000_000;
  let pending: Array<Record<string, unknown> & { update_id: number }> = [];
  const forced: Array<{ error_code: number; description: string; retry_after?: number }> = [];
  const sent = createRecorder<SentTelegram>();
  const pollers = new Set<() => void>();
  let confirmedBelow = 0;
  const confirmWaiters: Array<{ updateId: number; resolve: () => void }> = [];
  let messageId = 0;

  const fake: FakeTelegram = {
    apiRoot: '',
    sent: sent.items,
    answeredCallbacks: [],
    calls: [],
    queue(update) {
      const update_id = typeof update.update_id === 'number' ? update.update_id : ++nextId;
      pending.push({ ...update, update_id });
      for (const wake of pollers) wake();
      return update_id;
    },
    force: (...errors) => forced.push(...errors),
    waitForSent: sent.waitFor,
    waitForConfirmed(updateId) {
      if (confirmedBelow > updateId) return Promise.resolve();
      return new Promise((resolve) => confirmWaiters.push({ updateId, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of pollers) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const methods: Record<string, (params: Record<string, unknown>) => Promise<unknown> | unknown> = {
    getMe: () => ({
      id: Number(token.split(':')[0]),
      is_bot: true,
      first_name: 'Taizhang',
      username: 'taizhang_test_bot',
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    }),
    deleteWebhook: () => true,
    setWebhook: () => true,
    getFile: (params) => ({ file_id: params.file_id, file_path: `photos/${params.file_id}.jpg` }),
    answerCallbackQuery: (params) => {
      fake.answeredCallbacks.push(String(params.callback_query_id));
      return true;
    },
    sendMessage: (params) => {
      const message = {
        chat_id: Number(params.chat_id),
        text: String(params.text),
        ...(params.reply_markup
          ? {
              reply_markup:
                typeof params.reply_markup === 'string'
                  ? JSON.parse(params.reply_markup)
                  : params.reply_markup,
            }
          : {}),
      } as SentTelegram;
      sent.record(message);
      return {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: message.chat_id, type: 'private' },
        text: message.text,
      };
    },
    getUpdates: async (params) => {
      const offset = Number(params.offset ?? 0);
      // An offset confirms every update before it: Telegram forgets them.
      pending = pending.filter((update) => update.update_id >= offset);
      confirmedBelow = Math.max(confirmedBelow, offset);
      for (const waiter of confirmWaiters.filter((w) => confirmedBelow > w.updateId)) {
        confirmWaiters.splice(confirmWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (pending.length === 0) {
        const seconds = Math.min(Number(params.timeout ?? 0), 30);
        await new Promise<void>((resolve) => {
          const wake = () => {
            pollers.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, seconds * 1000);
          pollers.add(wake);
        });
      }
      return pending.slice(0, Number(params.limit ?? 100));
    },
  };

  const server: Server = createServer(async (request, response) => {
    const json = (status: number, body: unknown) => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(
      new URL(request.url ?? '/', 'http://x').pathname,
    );
    const params = await readBody(request);
    if (!route) return json(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (route[1] !== token)
      return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = route[2] ?? '';
    fake.calls.push(method);
    if (method === 'sendMessage') {
      const error = forced.shift();
      if (error) {
        const { retry_after, ...rest } = error;
        const parameters = retry_after === undefined ? {} : { parameters: { retry_after } };
        return json(error.error_code, { ok: false, ...rest, ...parameters });
      }
    }
    const handler = methods[method];
    if (!handler)
      return json(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    json(200, { ok: true, result: await handler(params) });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
