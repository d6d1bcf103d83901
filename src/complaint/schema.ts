/**
 * The shared complaint: the one shape that crosses from channels into the ledger. Every channel
 * normalizes its platform's input into `ComplaintInput`; the ledger stores and returns `Complaint`.
 * Types are inferred from these schemas, never written twice.
 */
import { z } from 'zod';

export const sources = [
  'hotline',
  'wechat',
  'wechaty',
  'line',
  'telegram',
  'forum',
  'referral',
  'web',
] as const;
export const Source = z.enum(sources);
export type Source = z.infer<typeof Source>;

export const statuses = ['pending', 'in_progress', 'resolved', 'closed'] as const;
export const Status = z.enum(statuses);
export type Status = z.infer<typeof Status>;

/** How badly the problem impairs use of the home or service; read by the level rules. */
export const impairments = ['none', 'impaired', 'unusable'] as const;
export const Impairment = z.enum(impairments);
export type Impairment = z.infer<typeof Impairment>;

export const attachmentKinds = ['image', 'voice', 'recording', 'video', 'file', 'link'] as const;

export const Level = z.number().int().min(1).max(3);

/**
 * Text as the ledger stores it. NUL is refused: PostgreSQL cannot hold it in a text column, and
 * no complainant types it.
 */
export const plainString = () => z.string().regex(/^[^\0]*$/, 'must not contain NUL characters');

const text = (max: number) => plainString().trim().min(1).max(max);
const optionalText = (max: number) =>
  plainString()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

/**
 * The span of times a ledger can hold. Year 0, year 275760 and instants before 1970 are typos or
 * probes, and some of them are beyond what a database column or `toISOString` round-trips.
 */
export const ledgerTimeRange = {
  from: new Date('1970-01-01T00:00:00Z'),
  to: new Date('2100-01-01T00:00:00Z'),
} as const;

const inLedgerRange = (date: Date) => date >= ledgerTimeRange.from && date < ledgerTimeRange.to;
const rangeMessage = 'must be between 1970 and 2099';

/**
 * An ISO 8601 timestamp with a zone (as webhooks send), within `ledgerTimeRange`. A value that is
 * no timestamp at all gets that one issue, not a range complaint on top.
 */
export const isoTimestamp = () =>
  z.iso
    .datetime({ offset: true, abort: true })
    .refine((value) => inLedgerRange(new Date(value)), rangeMessage);

/**
 * A time from JSON or code: an ISO 8601 timestamp or calendar date (checked day by day, so
 * 2026-02-30 is refused rather than read as 2 March) or a Date; never a bare number.
 */
export const LedgerDate = z
  .union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value))
  .refine((date) => inLedgerRange(date), rangeMessage);

export const Complainant = z
  .object({
    name: optionalText(100).meta({ description: 'Name or title as given, e.g. 王先生' }),
    phone: optionalText(40).meta({ description: 'Contact phone; personal data, masked on output' }),
    channelId: optionalText(200).meta({
      description: 'Identity on the source channel: WeChat openid, LINE user id, forum handle...',
    }),
  })
  .strict();

export const Location = z
  .object({
    project: optionalText(100),
    area: optionalText(100),
    building: optionalText(50),
    unit: optionalText(50),
    room: optionalText(50),
  })
  .strict();

export const AttachmentInput = z
  .object({
    kind: z.enum(attachmentKinds),
    url: text(2000).meta({ description: 'Where the file lives: a URL or a platform media id' }),
    mimeType: optionalText(100),
    caption: optionalText(500),
  })
  .strict();

/** Facts the severity rules read. */
export const SeverityFacts = z
  .object({
    peopleInvolved: z.number().int().min(1).max(100_000).default(1),
    amountYuan: z.number().int().min(0).max(1_000_000_000).optional(),
    impairment: Impairment.default('none'),
    lawsuit: z.boolean().default(false),
    protest: z.boolean().default(false),
    media: z.boolean().default(false),
  })
  .strict();

/** What a channel, an import or a member of staff hands to the ledger to register. */
export const ComplaintInput = z
  .object({
    ref: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{0,4}\d{1,9}$/, 'a ref is an optional letter prefix and digits')
      .optional()
      .meta({ description: 'Only for imports that keep their hand-written refs' }),
    receivedAt: LedgerDate.optional(),
    source: Source,
    sourceRef: optionalText(2000).meta({ description: "The source's own id or URL" }),
    dedupeKey: optionalText(300).meta({
      description:
        'Identifies the same input arriving twice; a second registration returns the first',
    }),
    repeatKey: optionalText(300).meta({
      description:
        'Groups inputs about the same matter (a caller, a forum thread) for the repeat window',
    }),
    complainant: Complainant.default({}),
    subject: optionalText(200),
    content: text(20_000),
    category: text(50),
    location: Location.default({}),
    facts: SeverityFacts.default({
      peopleInvolved: 1,
      impairment: 'none',
      lawsuit: false,
      protest: false,
      media: false,
    }),
    attachments: z.array(AttachmentInput).max(50).default([]),
  })
  .strict();
export type ComplaintInput = z.input<typeof ComplaintInput>;
export type ParsedComplaintInput = z.output<typeof ComplaintInput>;

const isoDate = z.iso.datetime({ offset: true });

export const ProgressEntry = z.object({
  at: isoDate,
  author: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ kind: z.enum(attachmentKinds), url: z.string() })),
});

export const Attachment = z.object({
  kind: z.enum(attachmentKinds),
  url: z.string(),
  mimeType: z.string().nullable(),
  caption: z.string().nullable(),
  createdAt: isoDate,
});

/** A complaint as the ledger returns it; times are ISO 8601 strings in UTC, as in JSON. */
export const Complaint = z.object({
  ref: z.string(),
  receivedAt: isoDate,
  source: Source,
  sourceRef: z.string().nullable(),
  complainant: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable().meta({ description: 'Masked (138****5678) unless cleared' }),
    channelId: z.string().nullable(),
  }),
  subject: z.string().nullable(),
  content: z.string(),
  category: z.string(),
  level: Level.nullable(),
  levelRule: z.string().nullable(),
  location: z.object({
    project: z.string().nullable(),
    area: z.string().nullable(),
    building: z.string().nullable(),
    unit: z.string().nullable(),
    room: z.string().nullable(),
  }),
  status: Status,
  assignee: z.string().nullable(),
  firstResponseDueAt: isoDate.nullable(),
  resolutionDueAt: isoDate.nullable(),
  solution: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: isoDate.nullable(),
  feedback: z.object({
    satisfaction: z.number().int().min(1).max(5).nullable(),
    comment: z.string().nullable(),
  }),
  followUp: z.object({
    note: z.string().nullable(),
    at: isoDate.nullable(),
    askedAt: isoDate.nullable().meta({ description: 'When the complainant was asked a verdict' }),
  }),
  handling: z.object({
    firstRespondedAt: isoDate.nullable(),
    responseOverdue: z.boolean(),
    overdue: z.boolean().meta({ description: 'The resolution due date passed while open' }),
    pausedAt: isoDate.nullable().meta({ description: 'Waiting on the customer since; clock off' }),
    pausedSeconds: z.number().int(),
    extensionDays: z.number().int(),
    levelOverride: z.string().nullable().meta({ description: "A supervisor's reason" }),
    ownFault: z.boolean(),
    reopenCount: z.number().int(),
  }),
  group: z.object({
    ref: z.string().nullable().meta({ description: 'First complaint of its collective group' }),
    complainants: z.number().int().meta({ description: 'Different complainants in the group' }),
  }),
  facts: z.object({
    peopleInvolved: z.number().int(),
    amountYuan: z.number().int().nullable(),
    impairment: Impairment,
    lawsuit: z.boolean(),
    protest: z.boolean(),
    media: z.boolean(),
  }),
  progress: z.array(ProgressEntry),
  attachments: z.array(Attachment),
  repeatCount: z.number().int().meta({
    description: 'Later calls or posts about the same matter that were added to this complaint',
  }),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Complaint = z.infer<typeof Complaint>;
