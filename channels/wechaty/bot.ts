/**
 * The Wechaty bot: a message from a contact is read, committed to the inbox under its message id,
 * handed to the engine, and the replies are said back in the same chat. A customer's messages are
 * taken one at a time in the order they came, as a person typing expects; the engine's own
 * versioning still guards other instances. Images and voice are saved and attached.
 */
import type { Message, Wechaty } from 'wechaty';
import type { ChatEngine, InboundChatMessage } from '../../src/chat/types.ts';
import { acceptEvent, markFailed, markProcessed } from '../../src/intake/inbox.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import type { Logger } from '../../src/logger.ts';
import type { WechatyClient } from './client.ts';
import type { WechatyConfig } from './config.ts';
import { saveMedia } from './media.ts';
import { normalizeWechaty, type WechatySnapshot } from './normalize.ts';

export interface WechatyBotOptions {
  bot: Wechaty;
  config: WechatyConfig;
  engine: ChatEngine;
  ledger: LedgerContext;
  logger: Logger;
  client: WechatyClient;
}

/** Reads what normalizing needs from a Wechaty message. */
async function snapshot(message: Message): Promise<WechatySnapshot> {
  const room = message.room();
  const type = message.type();
  const location =
    type === message.wechaty.Message.Type.Location
      ? await message.toLocation().then((found) => ({
          name: found.name(),
          address: found.address(),
          latitude: found.latitude(),
          longitude: found.longitude(),
        }))
      : undefined;
  return {
    id: message.id,
    type,
    text: room ? await message.mentionText() : message.text(),
    talkerId: message.talker().id,
    roomId: room?.id,
    self: message.self(),
    mentionsBot: room ? await message.mentionSelf() : false,
    location,
    at: message.date(),
  };
}

export function handleWechatyMessages(options: WechatyBotOptions) {
  const { config, engine, ledger, client } = options;
  const logger = options.logger;
  const queues = new Map<string, Promise<void>>();

  async function take(message: Message): Promise<void> {
    const normalized = normalizeWechaty(await snapshot(message), config);
    if (!normalized.taken) {
      logger.debug({ reason: normalized.reason }, 'Wechaty message not taken');
      return;
    }
    let inbound: InboundChatMessage = normalized.message;
    const { event, duplicate } = await acceptEvent(ledger, {
      channel: 'wechaty',
      deliveryKey: normalized.deliveryKey,
      body: JSON.stringify(inbound),
    });
    // A puppet that reconnects may emit a message again: it was answered the first time.
    if (duplicate) {
      logger.info({ inboxId: event.id }, 'Wechaty message seen before');
      return;
    }

    try {
      if (normalized.media) {
        const saved = await saveMedia(config.mediaDir, message.id, await message.toFileBox());
        inbound = saved
          ? { ...inbound, media: { kind: normalized.media, ...saved } }
          : { ...inbound, kind: 'unsupported' };
      }
      const replies = await engine.handle(inbound);
      await markProcessed(ledger, { id: event.id, reply: { replies } });
      await client.reply({ contact: message.talker(), room: message.room() }, replies);
    } catch (error) {
      logger.error({ err: error, inboxId: event.id }, 'Wechaty message failed');
      await markFailed(ledger, { id: event.id, error: 'turn or reply failed' });
    }
  }

  /** Queues a message behind the same customer's earlier ones. */
  function onMessage(message: Message): Promise<void> {
    const key = message.talker().id;
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => take(message))
      .catch((error: unknown) => logger.error({ err: error }, 'Wechaty message not stored'));
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
    return next;
  }

  return {
    onMessage,
    /** Waits for the messages being handled. */
    async drain() {
      await Promise.allSettled([...queues.values()]);
    },
  };
}
