/**
 * A LINE webhook event → the engine's `InboundChatMessage`. Only one-to-one chats are answered:
 * events from groups and rooms, unfollows, and other event types come back as `null` and are
 * stored, not answered.
 */
import type { InboundChatMessage } from '../../src/chat/types.ts';
import type { LineEvent } from './parse.ts';

/**
 * Media LINE only names by message id: the bytes are at the content API
 * (`/v2/bot/message/{id}/content` on api-data.line.me) until LINE deletes them, so the
 * attachment keeps the id under this scheme until something downloads it.
 */
export const contentUrl = (messageId: string) => `line-content:${messageId}`;

export interface NormalizedLine {
  deliveryKey: string;
  /** The user to answer, when the event is from a one-to-one chat. */
  userId?: string;
  replyToken?: string;
  message: Omit<InboundChatMessage, 'language'> | null;
}

type Body = Pick<InboundChatMessage, 'kind' | 'text' | 'media' | 'location'>;

function messageBody(message: NonNullable<LineEvent['message']>): Body {
  const url = contentUrl(message.id);
  switch (message.type) {
    case 'text':
      return { kind: 'text', text: message.text ?? '' };
    case 'image':
      return { kind: 'image', media: { kind: 'image', url } };
    case 'audio':
      // LINE records voice messages as M4A.
      return { kind: 'voice', media: { kind: 'voice', url, mimeType: 'audio/m4a' } };
    case 'video':
      return { kind: 'video', media: { kind: 'video', url } };
    case 'file':
      return { kind: 'file', media: { kind: 'file', url } };
    case 'location':
      if (message.latitude === undefined || message.longitude === undefined) {
        return { kind: 'unsupported' };
      }
      return {
        kind: 'location',
        location: {
          label: message.address || message.title || undefined,
          latitude: message.latitude,
          longitude: message.longitude,
        },
      };
    default:
      // Stickers, emoji-only messages and whatever LINE adds next.
      return { kind: 'unsupported' };
  }
}

function eventBody(event: LineEvent): Body | null {
  switch (event.type) {
    case 'message':
      return event.message ? messageBody(event.message) : { kind: 'unsupported' };
    case 'follow':
      return { kind: 'follow' };
    case 'postback':
      return { kind: 'postback', text: event.postback?.data ?? '' };
    default:
      return null;
  }
}

export function normalizeLine(event: LineEvent): NormalizedLine {
  const deliveryKey = `line:${event.webhookEventId}`;
  const userId = event.source?.type === 'user' ? event.source.userId : undefined;
  // Standby mode: another module owns the chat and the reply token; stay silent.
  const body = userId && event.mode !== 'standby' ? eventBody(event) : null;
  return {
    deliveryKey,
    userId,
    replyToken: event.replyToken,
    message: body && {
      channel: 'line',
      eventId: event.webhookEventId,
      userId: userId as string,
      ...body,
      receivedAt: new Date(event.timestamp),
    },
  };
}
