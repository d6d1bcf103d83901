/**
 * A Telegram update → the engine's `InboundChatMessage`. Only private chats are answered: group
 * messages, edits, channel posts and other update kinds come back with no message and are stored,
 * not answered. A button press (callback query) is the choice's value as a postback.
 */
import type { Message, Update } from 'grammy/types';
import type { InboundChatMessage } from '../../src/chat/types.ts';

/**
 * Media Telegram only names by file_id: getFile gives a download path that lasts an hour, so the
 * attachment keeps the id under this scheme until something downloads it.
 */
export const fileUrl = (fileId: string) => `telegram-file:${fileId}`;

export interface NormalizedTelegram {
  deliveryKey: string;
  /** The private chat to answer in. */
  chatId?: number;
  /** A button press to acknowledge, so the client stops its spinner. */
  callbackQueryId?: string;
  message: InboundChatMessage | null;
}

type Body = Pick<InboundChatMessage, 'kind' | 'text' | 'media' | 'location'>;

function messageBody(message: Message): Body {
  if (message.text !== undefined) return { kind: 'text', text: message.text };
  const caption = message.caption ? { text: message.caption } : {};
  if (message.photo?.length) {
    // Sizes come smallest first; the last is the original.
    const photo = message.photo[message.photo.length - 1];
    return {
      kind: 'image',
      ...caption,
      media: { kind: 'image', url: fileUrl(photo?.file_id ?? '') },
    };
  }
  const voice = message.voice ?? message.audio;
  if (voice) {
    const media = { kind: 'voice' as const, url: fileUrl(voice.file_id) };
    return {
      kind: 'voice',
      media: voice.mime_type ? { ...media, mimeType: voice.mime_type } : media,
    };
  }
  if (message.video) {
    return {
      kind: 'video',
      ...caption,
      media: { kind: 'video', url: fileUrl(message.video.file_id) },
    };
  }
  if (message.document) {
    const { file_id, mime_type } = message.document;
    const media = { kind: 'file' as const, url: fileUrl(file_id) };
    return {
      kind: 'file',
      ...caption,
      media: mime_type ? { ...media, mimeType: mime_type } : media,
    };
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    return {
      kind: 'location',
      location: { label: message.venue?.address || message.venue?.title, latitude, longitude },
    };
  }
  // A shared contact card answers the phone step with its number.
  if (message.contact) return { kind: 'text', text: message.contact.phone_number };
  // Stickers, polls, dice, games and whatever Telegram adds next.
  return { kind: 'unsupported' };
}

const languageOf = (code: unknown): InboundChatMessage['language'] => {
  // Only update_id is checked on arrival; a field of the wrong type must not fail the request.
  const lower = typeof code === 'string' ? code.toLowerCase() : '';
  if (lower.startsWith('en')) return 'en';
  if (lower.startsWith('zh')) return 'zh';
  return undefined;
};

/**
 * `/help@desk_bot` is how Telegram writes a command picked from the bot's menu (always, in
 * groups): the engine reads `/help`. A command naming another bot is left as it is.
 */
function withoutBotName(text: string, username: string | undefined): string {
  const match = /^(\/[A-Za-z0-9_]+)@([A-Za-z0-9_]+)(?=\s|$)/.exec(text);
  if (!match || !username || match[2]?.toLowerCase() !== username.toLowerCase()) return text;
  return `${match[1]}${text.slice(match[0].length)}`;
}

export function normalizeTelegram(update: Update, botUsername?: string): NormalizedTelegram {
  const deliveryKey = `telegram:${update.update_id}`;
  const eventId = String(update.update_id);
  const query = update.callback_query;
  const message = update.message ?? query?.message;
  const chat = message?.chat;
  if (chat?.type !== 'private') {
    return { deliveryKey, callbackQueryId: query?.id, message: null };
  }

  const from = query?.from ?? update.message?.from;
  const language = languageOf(from?.language_code);
  const base = {
    channel: 'telegram' as const,
    eventId,
    userId: String(chat.id),
    ...(language ? { language } : {}),
    receivedAt: new Date((update.message?.date ?? Math.floor(Date.now() / 1000)) * 1000),
  };
  if (query) {
    if (query.data === undefined) return { deliveryKey, callbackQueryId: query.id, message: null };
    return {
      deliveryKey,
      chatId: chat.id,
      callbackQueryId: query.id,
      message: { ...base, kind: 'postback', text: query.data },
    };
  }
  if (!update.message) return { deliveryKey, message: null };
  const body = messageBody(update.message);
  if (typeof body.text === 'string') body.text = withoutBotName(body.text, botUsername);
  return { deliveryKey, chatId: chat.id, message: { ...base, ...body } };
}
