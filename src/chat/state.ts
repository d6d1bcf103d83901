/**
 * A conversation's state as the engine reads and writes it: the step it waits at and the draft of
 * what the customer has said so far. The draft is kept as JSON in `chat_conversation.draft` and
 * read back through the schema, so a row written by an older version cannot break a turn.
 */
import { z } from 'zod';

export const steps = [
  'idle',
  'category',
  'description',
  'name',
  'phone',
  'location',
  'confirm',
  'done',
] as const;
export type Step = (typeof steps)[number];

/** The steps of an intake in progress: these expire when the customer goes quiet. */
export const intakeSteps: readonly Step[] = steps.filter(
  (step) => step !== 'idle' && step !== 'done',
);

export type Language = 'zh' | 'en';

export const Draft = z.object({
  category: z.string().optional(),
  description: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  phoneDeclined: z.boolean().optional(),
  location: z
    .object({
      project: z.string().optional(),
      building: z.string().optional(),
      unit: z.string().optional(),
      room: z.string().optional(),
    })
    .optional(),
  /** A pin the customer sent (a location message), added to the complaint's text. */
  pin: z.string().optional(),
  attachments: z
    .array(
      z.object({
        kind: z.enum(['image', 'voice', 'video', 'file']),
        url: z.string(),
        mimeType: z.string().optional(),
      }),
    )
    .default([]),
});
export type Draft = z.infer<typeof Draft>;

export interface ConversationState {
  step: Step;
  language: Language;
  /** The intake under way; a new one starts a new session. */
  session: string;
  draft: Draft;
  /** The complaint this session registered, once it has. */
  complaintRef: string | null;
  handoffAt: Date | null;
  startedAt: Date;
}

export const emptyDraft = (): Draft => ({ attachments: [] });

export function readDraft(json: string): Draft {
  try {
    const parsed = Draft.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

export function readStep(value: string): Step {
  return (steps as readonly string[]).includes(value) ? (value as Step) : 'idle';
}
