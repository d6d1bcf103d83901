/**
 * Sending on personal WeChat: each reply is one message said to the contact (or, for a group
 * message, in the group with an @mention), retried with backoff when the puppet fails, since a
 * puppet talks to WeChat over a connection that drops. Also the `ChatSender` for messages
 * outside a reply (follow-ups, staff replies), which finds the contact by its id.
 */
import type { Contact, Room, Wechaty } from 'wechaty';
import type { ChatReply, ChatSender } from '../../src/chat/types.ts';
import { AppError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import { renderReplies } from './reply.ts';

export interface WechatyClientOptions {
  bot: Pick<Wechaty, 'Contact'>;
  logger: Logger;
  /** Attempts per message. Default 3. */
  attempts?: number;
  /** Wait before attempt n+1 is `backoffMs * 2^(n-1)`. Default 500. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WechatyClient extends ChatSender {
  channel: 'wechaty';
  /** Replies in a private chat, or in a group addressed to the customer who wrote. */
  reply(where: { contact: Contact; room?: Room }, replies: readonly ChatReply[]): Promise<void>;
}

export function createWechatyClient(options: WechatyClientOptions): WechatyClient {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));

  async function withRetries(work: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        options.logger.warn({ err: error, attempt }, 'Wechaty message not sent, retrying');
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  async function reply(where: { contact: Contact; room?: Room }, replies: readonly ChatReply[]) {
    const { contact, room } = where;
    for (const text of renderReplies(replies)) {
      await withRetries(() => (room ? room.say(text, contact) : contact.say(text)));
    }
  }

  return {
    channel: 'wechaty',
    reply,
    async send(userId, replies) {
      const contact = await options.bot.Contact.find({ id: userId });
      if (!contact) throw new AppError('not_found', 'no WeChat contact with this id');
      await reply({ contact }, replies);
    },
  };
}
