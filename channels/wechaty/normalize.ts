/**
 * A personal WeChat message, as read from Wechaty, → the engine's `InboundChatMessage`. The bot
 * reads what it needs from the Wechaty message first (`WechatySnapshot`), so this stays a pure
 * function of plain data. Messages the bot does not take (its own, group chats while rooms are
 * off, group messages that do not @mention it) come back as `ignored` with the reason.
 */
import { types } from 'wechaty';
import type { InboundChatMessage } from '../../src/chat/types.ts';

export interface WechatySnapshot {
  id: string;
  type: types.Message;
  /** For a group message, the text without the @mention of the bot. */
  text: string;
  talkerId: string;
  roomId?: string;
  /** The message was sent by the logged-in account itself, e.g. the bot's own reply. */
  self: boolean;
  mentionsBot: boolean;
  location?: { name?: string; address?: string; latitude: number; longitude: number };
  at: Date;
}

/** The media kinds that are kept as attachments; the bot reads their file after normalizing. */
export type WechatyMedia = 'image' | 'voice' | 'video' | 'file';

export type NormalizedWechaty =
  | {
      taken: true;
      /** The inbox key: Wechaty's message id, unique per account. */
      deliveryKey: string;
      message: InboundChatMessage;
      /** A file to fetch and attach as `message.media`. */
      media?: WechatyMedia;
    }
  | { taken: false; reason: string };

const mediaTypes: Partial<Record<types.Message, WechatyMedia>> = {
  [types.Message.Image]: 'image',
  [types.Message.Audio]: 'voice',
  [types.Message.Video]: 'video',
  [types.Message.Attachment]: 'file',
};

export function normalizeWechaty(
  snapshot: WechatySnapshot,
  options: { rooms: boolean },
): NormalizedWechaty {
  if (snapshot.self) return { taken: false, reason: 'own message' };
  if (snapshot.roomId && !options.rooms) return { taken: false, reason: 'group chats are off' };
  if (snapshot.roomId && !snapshot.mentionsBot) {
    return { taken: false, reason: 'group message without an @mention' };
  }

  const base = {
    channel: 'wechaty' as const,
    eventId: snapshot.id,
    // The person, also in a group: one conversation per customer, wherever they write from.
    userId: snapshot.talkerId,
    receivedAt: snapshot.at,
  };
  const deliveryKey = `wechaty:${snapshot.id}`;
  const media = mediaTypes[snapshot.type];
  if (media) return { taken: true, deliveryKey, media, message: { ...base, kind: media } };

  if (snapshot.type === types.Message.Text) {
    return { taken: true, deliveryKey, message: { ...base, kind: 'text', text: snapshot.text } };
  }
  if (snapshot.type === types.Message.Location && snapshot.location) {
    const { name, address, latitude, longitude } = snapshot.location;
    const label = [name, address].filter(Boolean).join(' ') || undefined;
    return {
      taken: true,
      deliveryKey,
      message: { ...base, kind: 'location', location: { label, latitude, longitude } },
    };
  }
  return { taken: true, deliveryKey, message: { ...base, kind: 'unsupported' } };
}
