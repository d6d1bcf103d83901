/**
 * A WeChat message or event → the engine's `InboundChatMessage`. Events that need no answer
 * (unsubscribe, link clicks, scans, reported locations) come back as `null`: they are stored, not
 * answered.
 */
import type { InboundChatMessage } from '../../src/chat/types.ts';
import { AppError } from '../../src/errors.ts';
import type { WechatMessage } from './parse.ts';

/**
 * Media WeChat only names by MediaId (voice, video): fetching it needs the media API and an access
 * token, so the attachment keeps the id under this scheme until something downloads it.
 */
export const mediaUrl = (mediaId: string) => `wechat-media:${mediaId}`;

export interface NormalizedWechat {
  /** The inbox key: WeChat's MsgId, or sender plus CreateTime for events, which have no MsgId. */
  deliveryKey: string;
  message: InboundChatMessage | null;
}

const voiceTypes: Record<string, string> = { amr: 'audio/amr', speex: 'audio/speex' };

type Body = Pick<InboundChatMessage, 'kind' | 'text' | 'media' | 'location'>;

function coordinate(value: string | undefined, name: string): number {
  const number = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(number)) {
    throw new AppError('validation_failed', `location message without a numeric ${name}`, {
      issues: [{ path: name, message: 'expected a number' }],
    });
  }
  return number;
}

function eventBody(message: WechatMessage): Body | null {
  const event = message.Event?.toLowerCase();
  if (event === 'subscribe') return { kind: 'follow' };
  if (event === 'click') return { kind: 'menu', text: message.EventKey ?? '' };
  return null;
}

function messageBody(message: WechatMessage): Body | null {
  switch (message.MsgType) {
    case 'text':
      return { kind: 'text', text: message.Content ?? '' };
    case 'voice':
      if (message.Recognition?.trim()) return { kind: 'voice', text: message.Recognition.trim() };
      if (!message.MediaId) return { kind: 'unsupported' };
      return {
        kind: 'voice',
        media: {
          kind: 'voice',
          url: mediaUrl(message.MediaId),
          mimeType: voiceTypes[message.Format?.toLowerCase() ?? ''],
        },
      };
    case 'image': {
      const url = message.PicUrl || (message.MediaId ? mediaUrl(message.MediaId) : undefined);
      return url ? { kind: 'image', media: { kind: 'image', url } } : { kind: 'unsupported' };
    }
    case 'video':
    case 'shortvideo':
      if (!message.MediaId) return { kind: 'unsupported' };
      return { kind: 'video', media: { kind: 'video', url: mediaUrl(message.MediaId) } };
    case 'location':
      return {
        kind: 'location',
        location: {
          label: message.Label || undefined,
          latitude: coordinate(message.Location_X, 'Location_X'),
          longitude: coordinate(message.Location_Y, 'Location_Y'),
        },
      };
    case 'event':
      return eventBody(message);
    default:
      return { kind: 'unsupported' };
  }
}

export function normalizeWechat(message: WechatMessage): NormalizedWechat {
  const eventId = message.MsgId ?? `${message.FromUserName}:${message.CreateTime}`;
  const body = messageBody(message);
  return {
    deliveryKey: `wechat:${eventId}`,
    message: body && {
      channel: 'wechat',
      eventId,
      userId: message.FromUserName,
      ...body,
      receivedAt: new Date(Number(message.CreateTime) * 1000),
    },
  };
}
