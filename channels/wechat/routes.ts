/**
 * /webhooks/wechat: the GET handshake and the POSTed messages, in plain, compatible and safe mode.
 * A message is verified, decrypted and parsed, committed to the inbox under its delivery key, then
 * handed to the engine. WeChat waits 5 seconds for an answer and then retries: a turn that ends in
 * time is answered passively; a slower one is answered `success` and its reply goes out through
 * the customer-service API. A retry gets the stored answer and never a second turn.
 */
import { type Context, Hono } from 'hono';
import type { ChatEngine, ChatReply } from '../../src/chat/types.ts';
import { AppError } from '../../src/errors.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { acceptEvent, type InboxEvent, markFailed, markProcessed } from '../../src/intake/inbox.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import { WechatApiError, type WechatClient } from './client.ts';
import type { WechatConfig } from './config.ts';
import { openMessage } from './crypto.ts';
import { normalizeWechat } from './normalize.ts';
import { parseWechatXml, readFields, WechatEnvelope, WechatMessage } from './parse.ts';
import { encryptedReplyXml, passiveTextXml, renderReplies } from './reply.ts';
import { verifyMessageSignature, verifyPlainSignature } from './verify.ts';

export interface WechatRoutesOptions {
  config: WechatConfig;
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  /** Absent without WECHAT_APP_SECRET: late replies are then kept as failed, not sent. */
  client?: WechatClient;
  /** How long a turn may take and still be answered passively; WeChat gives up at 5 s. */
  passiveTimeoutMs: number;
  /** Keeps a late turn alive after the `success` answer. */
  background: (work: Promise<unknown>) => void;
}

type Query = Record<string, string | undefined>;

/** What the inbox keeps as the reply, so a retry is answered the same way. */
interface StoredReply {
  delivery: 'passive' | 'customer_service';
  replies: ChatReply[];
}

/** The reply WeChat takes for "received, nothing to say now". */
const success = 'success';

function requirePlainSignature(token: string, query: Query) {
  if (!query.signature) throw new AppError('signature_missing', 'WeChat signature missing');
  if (!verifyPlainSignature(token, query)) {
    throw new AppError('signature_invalid', 'WeChat signature does not match');
  }
}

function requireMessageSignature(token: string, query: Query, encrypted: string) {
  if (!query.msg_signature) throw new AppError('signature_missing', 'msg_signature missing');
  if (!verifyMessageSignature(token, query, encrypted)) {
    throw new AppError('signature_invalid', 'msg_signature does not match');
  }
}

/** Verifies and opens a POST; returns the message XML in the clear. */
function openRequest(config: WechatConfig, query: Query, raw: string): string {
  const encrypted = query.encrypt_type === 'aes';
  if (!encrypted) {
    // With a key configured only signed payloads are accepted: the plain signature covers no body.
    if (config.aesKey) throw new AppError('encryption_required', 'plain message refused');
    requirePlainSignature(config.token, query);
    return raw;
  }
  if (!config.aesKey || !config.appId) {
    throw new AppError('encryption_required', 'encrypted message but no EncodingAESKey is set', {
      publicMessage: 'encrypted messages are not configured',
    });
  }
  const envelope = readFields(WechatEnvelope, parseWechatXml(raw));
  requireMessageSignature(config.token, query, envelope.Encrypt);
  return openMessage(config.aesKey, config.appId, envelope.Encrypt);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** WeChat posts `text/xml` in UTF-8; bytes that are not UTF-8 are refused, never replaced. */
async function readXmlBody(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header('content-type');
  if (type && !/^(text\/xml|application\/xml|text\/plain)\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'send text/xml');
  }
  try {
    return utf8.decode(await c.req.arrayBuffer());
  } catch {
    throw new AppError('malformed_xml', 'request body is not UTF-8');
  }
}

export function wechatRoutes(options: WechatRoutesOptions) {
  const { config, engine, ledger } = options;
  const routes = new Hono<AppEnv>();

  routes.get('/', (c) => {
    const query = c.req.query();
    const echostr = query.echostr;
    if (echostr === undefined) throw new AppError('bad_request', 'echostr missing');
    // The Official Account console sends `signature` and a plain echostr in every mode; the
    // encrypted handshake (msg_signature over an encrypted echostr) comes without `signature`.
    if (!query.signature && query.msg_signature && config.aesKey && config.appId) {
      requireMessageSignature(config.token, query, echostr);
      return c.text(openMessage(config.aesKey, config.appId, echostr));
    }
    requirePlainSignature(config.token, query);
    return c.text(echostr);
  });

  routes.post('/', async (c) => {
    const query = c.req.query();
    const xml = openRequest(config, query, await readXmlBody(c));
    const message = readFields(WechatMessage, parseWechatXml(xml));
    const normalized = normalizeWechat(message);
    const log = c.get('log') ?? options.logger;

    /** The passive reply, encrypted in safe and compatible mode; `success` when there is none. */
    const answer = (replies: readonly ChatReply[]) => {
      if (replies.length === 0) return c.text(success);
      const createTime = Math.floor(ledger.now().getTime() / 1000);
      const plain = passiveTextXml({
        toUser: message.FromUserName,
        fromUser: message.ToUserName,
        content: renderReplies(replies),
        createTime,
      });
      const body =
        config.aesKey && config.appId && query.encrypt_type === 'aes'
          ? encryptedReplyXml({
              token: config.token,
              aesKey: config.aesKey,
              appId: config.appId,
              xml: plain,
              // WeChat's own timestamp, which its signature covered, when it is one.
              timestamp: /^\d{1,12}$/.test(query.timestamp ?? '')
                ? (query.timestamp as string)
                : String(createTime),
              nonce: query.nonce ?? '',
            })
          : plain;
      return c.body(body, 200, { 'content-type': 'application/xml; charset=utf-8' });
    };

    const { event, duplicate } = await acceptEvent(ledger, {
      channel: 'wechat',
      deliveryKey: normalized.deliveryKey,
      body: xml,
    });
    if (duplicate) {
      log.info({ inboxId: event.id, status: event.status }, 'WeChat redelivery');
      return answer(storedPassiveReplies(event));
    }
    if (!normalized.message) {
      await markProcessed(ledger, { id: event.id });
      return c.text(success);
    }

    const inbound = normalized.message;
    // Deferred so an engine that throws instead of rejecting still ends as a dead letter.
    const turn = Promise.resolve().then(() => engine.handle(inbound));
    const quick = await withinWindow(turn, options.passiveTimeoutMs);
    if (quick.status === 'failed') {
      log.error({ err: quick.error, inboxId: event.id }, 'WeChat turn failed');
      await markFailed(ledger, { id: event.id, error: 'engine failed' });
      return c.text(success);
    }
    if (quick.status === 'done') {
      const reply: StoredReply = { delivery: 'passive', replies: quick.replies };
      await markProcessed(ledger, { id: event.id, reply });
      return answer(quick.replies);
    }

    log.info({ inboxId: event.id }, 'WeChat turn missed the passive window');
    options.background(deliverLate({ ...options, logger: log }, event, inbound, turn));
    return c.text(success);
  });

  return routes;
}

/** The replies a retry is answered with: only those first given passively. */
function storedPassiveReplies(event: InboxEvent): ChatReply[] {
  if (event.status !== 'processed' || !event.reply) return [];
  const stored = JSON.parse(event.reply) as StoredReply | null;
  return stored?.delivery === 'passive' ? stored.replies : [];
}

type Window =
  | { status: 'done'; replies: ChatReply[] }
  | { status: 'late' }
  | { status: 'failed'; error: unknown };

async function withinWindow(turn: Promise<ChatReply[]>, ms: number): Promise<Window> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Window>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'late' }), ms);
  });
  try {
    return await Promise.race([
      turn.then(
        (replies): Window => ({ status: 'done', replies }),
        (error): Window => ({ status: 'failed', error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Finishes a slow turn and sends its reply through the customer-service API. */
/** The dead letter's reason: WeChat's refusal, WeChat out of reach, or the turn itself. */
function lateFailure(error: unknown): string {
  if (!(error instanceof WechatApiError)) return 'late turn failed';
  if (error.errcode !== undefined) return `late reply refused (${error.errcode})`;
  // The client's messages name an HTTP status or unreachability, never the reply's text.
  return `late reply not sent: ${error.message}`;
}

async function deliverLate(
  options: Pick<WechatRoutesOptions, 'ledger' | 'client' | 'logger'>,
  event: InboxEvent,
  message: { userId: string },
  turn: Promise<ChatReply[]>,
): Promise<void> {
  const { ledger, client, logger } = options;
  try {
    const replies = await turn;
    const reply: StoredReply = { delivery: 'customer_service', replies };
    await markProcessed(ledger, { id: event.id, reply });
    if (replies.length === 0) return;
    if (!client) {
      logger.warn({ inboxId: event.id }, 'late WeChat reply not sent: WECHAT_APP_SECRET unset');
      await markFailed(ledger, { id: event.id, error: 'late reply not sent: no API credentials' });
      return;
    }
    await client.send(message.userId, replies);
  } catch (error) {
    logger.error({ err: error, inboxId: event.id }, 'late WeChat turn failed');
    await markFailed(ledger, { id: event.id, error: lateFailure(error) }).catch(
      (failure: unknown) => logger.error({ err: failure }, 'could not mark inbox event'),
    );
  }
}
