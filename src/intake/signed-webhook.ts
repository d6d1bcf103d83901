/**
 * The endpoint behind every Standard Webhooks channel (hotline, forum). The order is the point:
 * refuse what is not JSON, unsigned or stale before reading it; refuse what fails the payload
 * schema before storing it; commit the raw event to the inbox; only then normalize it into the
 * ledger. A failure after the commit leaves a dead letter, never a lost event.
 */
import type { Context } from 'hono';
import { AppError, issuesFromZod } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { readJsonText } from '../http/strict-json.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { Logger } from '../logger.ts';
import type { ReplayOutcome } from './channel.ts';
import { acceptEvent, type InboxEvent, markFailed, markProcessed } from './inbox.ts';
import { verifyWebhook } from './standard-webhooks.ts';

/** The shape of zod's `safeParse` result, so a channel can pick its schema per payload. */
export type ParseResult<T> =
  | { success: true; data: T }
  | {
      success: false;
      error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
    };

export interface Handled {
  /** The answer the sender gets, and every redelivery after it. */
  reply: Record<string, unknown>;
  /** The complaint the event became, or the first of a batch. */
  complaintRef: string | null;
}

export interface SignedWebhookSpec<T> {
  channel: string;
  secrets: readonly Buffer[];
  ledger: LedgerContext;
  logger: Logger;
  parse: (json: unknown) => ParseResult<T>;
  /** Normalizes a valid payload into the ledger; must be safe to run again for the same one. */
  handle: (payload: T) => Promise<Handled>;
}

type Outcome = (ReplayOutcome | { status: 'processed' }) & Partial<Handled>;

interface Delivery {
  duplicate: boolean;
  outcome: Outcome;
}

export interface SignedWebhook {
  receive: (c: Context<AppEnv>) => Promise<Response>;
  replay: (event: InboxEvent) => Promise<ReplayOutcome>;
}

/** A dead letter's error: the code and the paths, never the payload's personal data. */
export function describeFailure(error: unknown): string {
  if (error instanceof AppError) {
    const issues = (error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
    return [`${error.code}: ${error.message}`, ...issues].join('; ');
  }
  // Database and driver messages may quote the values they were given: keep only their kind.
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  return `internal: ${name ?? 'Error'}${code ? ` (${code})` : ''}`;
}

function parseJson<T>(spec: SignedWebhookSpec<T>, text: string): T {
  const json = readJsonText(text);
  if (!json.ok) {
    throw new AppError('malformed_payload', `request body refused: ${json.reason}`, {
      issues: [{ path: '(root)', message: json.reason }],
    });
  }
  const parsed = spec.parse(json.value);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'payload failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  return parsed.data;
}

export function signedWebhook<T>(spec: SignedWebhookSpec<T>): SignedWebhook {
  const decoder = new TextDecoder('utf-8', { fatal: true });

  async function process(
    event: InboxEvent,
    log: Logger,
    payload?: T,
  ): Promise<ReplayOutcome & Partial<Handled>> {
    try {
      // A live delivery was parsed before it was stored; a replay parses the stored body again.
      const handled = await spec.handle(payload ?? parseJson(spec, event.body));
      await markProcessed(spec.ledger, {
        id: event.id,
        complaintRef: handled.complaintRef,
        reply: handled.reply,
      });
      return { status: 'processed', ...handled };
    } catch (error) {
      const message = describeFailure(error);
      if (!(error instanceof AppError)) log.error({ err: error, event: event.id }, 'intake failed');
      await markFailed(spec.ledger, { id: event.id, error: message });
      log.warn({ channel: spec.channel, event: event.id, error: message }, 'dead letter');
      return { status: 'failed', error: message };
    }
  }

  // Replay and start-up recovery must not run an event twice at once in this process either.
  const inFlight = new Map<number, Promise<Outcome>>();
  function once(event: InboxEvent, log: Logger, payload?: T): Promise<Outcome> {
    const running = inFlight.get(event.id);
    if (running) return running;
    const work = process(event, log, payload).finally(() => inFlight.delete(event.id));
    inFlight.set(event.id, work);
    return work;
  }

  /** Commits a delivery, or finds it committed, and brings it to its answer. */
  async function deliver(
    deliveryKey: string,
    body: string,
    payload: T,
    log: Logger,
  ): Promise<Delivery> {
    const { event, duplicate } = await acceptEvent(spec.ledger, {
      channel: spec.channel,
      deliveryKey,
      body,
    });
    if (duplicate && event.status === 'processed' && event.reply) {
      return { duplicate, outcome: { status: 'processed', reply: JSON.parse(event.reply) } };
    }
    // A new delivery, or a redelivery of one in flight elsewhere or dead: normalizing is idempotent.
    return { duplicate, outcome: await once(event, log, duplicate ? undefined : payload) };
  }

  // Redeliveries that arrive while this process is still committing or normalizing the same event
  // wait for its answer instead of racing it through the database; across processes the inbox's
  // unique delivery key and the ledger's dedupe keys settle the race.
  const delivering = new Map<string, Promise<Delivery>>();
  async function deliverOnce(
    deliveryKey: string,
    body: string,
    payload: T,
    log: Logger,
  ): Promise<Delivery> {
    const pending = delivering.get(deliveryKey);
    if (pending) return { ...(await pending), duplicate: true };
    const work = deliver(deliveryKey, body, payload, log).finally(() =>
      delivering.delete(deliveryKey),
    );
    delivering.set(deliveryKey, work);
    return work;
  }

  async function receive(c: Context<AppEnv>): Promise<Response> {
    const log = c.get('log');
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', 'send application/json');
    }
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const { id } = verifyWebhook({
      secrets: spec.secrets,
      headers: {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
      },
      body: raw,
      now: spec.ledger.now(),
    });

    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      throw new AppError('malformed_payload', 'request body is not UTF-8');
    }
    const payload = parseJson(spec, text);

    const { duplicate, outcome } = await deliverOnce(`${spec.channel}:${id}`, text, payload, log);
    log.info({ channel: spec.channel, delivery: id, duplicate, status: outcome.status }, 'webhook');
    if (outcome.status === 'failed') {
      // Kept: the sender must not retry forever; staff see it in GET /api/inbox?status=failed.
      return c.json({ delivery: id, status: 'failed', error: outcome.error.split(':')[0] }, 202);
    }
    return c.json(outcome.reply ?? {}, duplicate ? 200 : 201);
  }

  return { receive, replay: (event) => once(event, spec.logger) as Promise<ReplayOutcome> };
}
