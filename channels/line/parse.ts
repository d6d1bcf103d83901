/**
 * The LINE webhook body as JSON: `{ destination, events: [...] }`. Only the fields this channel
 * reads are checked; each event is kept whole for the inbox, so a later reader loses nothing.
 */
import { z } from 'zod';
import { readJsonBody } from '../../src/intake/json-body.ts';

const source = z.looseObject({
  type: z.string(),
  userId: z.string().optional(),
});

/** One webhook event; message, follow and postback events are answered, the rest only stored. */
export const LineEvent = z.looseObject({
  type: z.string().min(1),
  /** Unique per event and kept across redeliveries: the dedupe key. */
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  mode: z.string().optional(),
  replyToken: z.string().optional(),
  source: source.optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  message: z
    .looseObject({
      id: z.string(),
      type: z.string(),
      text: z.string().optional(),
      title: z.string().optional(),
      address: z.string().optional(),
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      fileName: z.string().optional(),
    })
    .optional(),
  postback: z.looseObject({ data: z.string() }).optional(),
});
export type LineEvent = z.infer<typeof LineEvent>;

export const LineWebhookBody = z.looseObject({
  destination: z.string().optional(),
  events: z.array(LineEvent),
});
export type LineWebhookBody = z.infer<typeof LineWebhookBody>;

/** Parses the verified raw body; not JSON answers 400, JSON of the wrong shape 422 with paths. */
export const parseLineBody = (raw: string): LineWebhookBody =>
  readJsonBody(LineWebhookBody, raw, 'LINE webhook body');
