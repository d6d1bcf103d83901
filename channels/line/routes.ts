/**
 * /webhooks/line: LINE's POSTed webhook events. The signature is checked on the raw bytes, every
 * event is committed to the inbox under its webhookEventId, and LINE gets its 200 at once, as it
 * asks; the turns run after the response (waitUntil on Workers) and answer with the reply token,
 * or by push when the token is spent. A redelivery finds its event in the inbox and is dropped, so
 * it never makes a second turn or a second reply.
 */
import { Hono } from 'hono';
import type { ChatEngine, ChatReply } from '../../src/chat/types.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { acceptEvent, type InboxEvent, markFailed, markProcessed } from '../../src/intake/inbox.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import type { Delivery, LineClient } from './client.ts';
import type { LineConfig } from './config.ts';
import { type NormalizedLine, normalizeLine } from './normalize.ts';
import { parseLineBody } from './parse.ts';
import { requireLineSignature } from './verify.ts';

export interface LineRoutesOptions {
  config: LineConfig;
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  client: LineClient;
  /** Keeps the turns alive after the 200. */
  background: (work: Promise<unknown>) => void;
}

/** What the inbox keeps as the answer to an event. */
interface StoredReply {
  delivery: Delivery;
  replies: ChatReply[];
}

interface Accepted {
  event: InboxEvent;
  normalized: NormalizedLine;
}

export function lineRoutes(options: LineRoutesOptions) {
  const { config, ledger } = options;
  const routes = new Hono<AppEnv>();

  routes.post('/', async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    requireLineSignature(config.channelSecret, raw, c.req.header('x-line-signature'));
    const body = parseLineBody(new TextDecoder().decode(raw));
    const log = c.get('log') ?? options.logger;

    // The console's "Verify" button sends no events; it wants a 200 and nothing else.
    const fresh: Accepted[] = [];
    try {
      for (const lineEvent of body.events) {
        const normalized = normalizeLine(lineEvent);
        const { event, duplicate } = await acceptEvent(ledger, {
          channel: 'line',
          deliveryKey: normalized.deliveryKey,
          body: JSON.stringify({ destination: body.destination, event: lineEvent }),
        });
        if (duplicate) {
          const redelivery = lineEvent.deliveryContext?.isRedelivery ?? false;
          log.info(
            { inboxId: event.id, status: event.status, redelivery },
            'LINE event seen before',
          );
          continue;
        }
        fresh.push({ event, normalized });
      }
    } finally {
      // One job per request, in order: a customer's events in one delivery are one after another.
      // Also when a later event could not be stored: LINE's redelivery finds these in the inbox
      // and drops them, so this is their only turn.
      if (fresh.length > 0) {
        options.background(runEvents({ ...options, logger: log }, fresh));
      }
    }
    return c.json({});
  });

  return routes;
}

async function runEvents(options: LineRoutesOptions, accepted: Accepted[]): Promise<void> {
  for (const item of accepted) await runEvent(options, item);
}

async function runEvent(options: LineRoutesOptions, { event, normalized }: Accepted) {
  const { ledger, client, engine, logger } = options;
  const { message, userId } = normalized;
  if (!message || !userId) {
    await markProcessed(ledger, { id: event.id });
    return;
  }
  let stage = 'engine failed';
  try {
    const language = await client.language(userId);
    const replies = await engine.handle({ ...message, ...(language ? { language } : {}) });
    stage = 'reply failed';
    const delivery = await client.answer(userId, normalized.replyToken, replies);
    const reply: StoredReply = { delivery, replies };
    await markProcessed(ledger, { id: event.id, reply });
  } catch (error) {
    logger.error({ err: error, inboxId: event.id }, `LINE turn: ${stage}`);
    const status = (error as { status?: number }).status;
    await markFailed(ledger, {
      id: event.id,
      error: status === undefined ? stage : `${stage} (${status})`,
    }).catch((failure: unknown) => logger.error({ err: failure }, 'could not mark inbox event'));
  }
}
