/**
 * What chat channels and the conversation engine exchange. A channel turns its platform's event
 * into an `InboundChatMessage` and sends the engine's `ChatReply`s back in its own format; the
 * engine knows no platform.
 */

export const chatChannels = ['wechat', 'wechaty', 'line', 'telegram'] as const;
export type ChatChannel = (typeof chatChannels)[number];

export interface InboundChatMessage {
  channel: ChatChannel;
  /** The platform's id for this event (MsgId, LINE webhookEventId, Telegram update_id ...). */
  eventId: string;
  /** The customer's identity on the platform: openid, LINE userId, Telegram chat id. */
  userId: string;
  /** The language the platform reports for the user, when it does. */
  language?: 'zh' | 'en';
  kind:
    | 'text'
    | 'image'
    | 'voice'
    | 'video'
    | 'file'
    | 'location'
    | 'follow'
    | 'menu'
    | 'postback'
    | 'unsupported';
  /** Text, voice recognition text, a menu key or postback data. */
  text?: string;
  media?: { kind: 'image' | 'voice' | 'video' | 'file'; url: string; mimeType?: string };
  location?: { label?: string; latitude: number; longitude: number };
  receivedAt: Date;
}

export interface ChatChoice {
  label: string;
  /** What comes back as the message text (or postback data) when the customer picks it. */
  value: string;
}

export interface ChatReply {
  text: string;
  choices?: ChatChoice[];
}

export interface ChatEngine {
  handle(message: InboundChatMessage): Promise<ChatReply[]>;
}

/** Sends a message to a customer outside a reply (follow-ups, staff replies, late answers). */
export interface ChatSender {
  channel: ChatChannel;
  send(userId: string, replies: ChatReply[]): Promise<void>;
}

/**
 * The follow-up visit (回访) as the engine sees it: when the ledger has asked a customer for a
 * verdict on a resolved complaint, the customer's next answer of 1 to 5 goes here instead of into
 * a new intake conversation. The handling workflow implements it; an engine without one ignores
 * follow-ups.
 */
export interface FollowUpPort {
  /** The complaint whose follow-up question this customer has not answered yet, if any. */
  pending(channel: ChatChannel, userId: string): Promise<{ ref: string } | null>;
  /** Stores the customer's verdict: satisfaction 1 (very dissatisfied) to 5 (very satisfied). */
  answer(input: { ref: string; satisfaction: number; comment?: string; at: Date }): Promise<void>;
}
