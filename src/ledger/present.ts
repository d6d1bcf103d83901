/** Turns a stored row into the shared `Complaint` shape, masking the phone unless cleared. */
import { maskPhone } from '../complaint/privacy.ts';
import type { Complaint, Impairment, Source, Status } from '../complaint/schema.ts';
import type { Attachment, ProgressEntry, Complaint as Row } from '../generated/sqlite/client.ts';

export type ComplaintRow = Row & {
  progress?: (ProgressEntry & { attachments?: Attachment[] })[];
  attachments?: Attachment[];
};

/** What a complaint is read with: progress entries (with their files) and attachments. */
export const withDetail = {
  progress: { orderBy: { at: 'asc' }, include: { attachments: true } },
  attachments: true,
} as const;

export interface Viewer {
  /** May see complainants' phone numbers unmasked. */
  seesContact: boolean;
}

export const maskedViewer: Viewer = { seesContact: false };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentComplaint(row: ComplaintRow, viewer: Viewer = maskedViewer): Complaint {
  return {
    ref: row.ref,
    receivedAt: row.receivedAt.toISOString(),
    source: row.source as Source,
    sourceRef: row.sourceRef,
    complainant: {
      name: row.complainantName,
      phone: viewer.seesContact ? row.complainantPhone : maskPhone(row.complainantPhone),
      channelId: row.complainantChannelId,
    },
    subject: row.subject,
    content: row.content,
    category: row.category,
    level: row.level,
    levelRule: row.levelRule,
    location: {
      project: row.project,
      area: row.area,
      building: row.building,
      unit: row.unit,
      room: row.room,
    },
    status: row.status as Status,
    assignee: row.assignee,
    firstResponseDueAt: iso(row.firstResponseDueAt),
    resolutionDueAt: iso(row.resolutionDueAt),
    solution: row.solution,
    resolution: row.resolution,
    resolvedAt: iso(row.resolvedAt),
    feedback: { satisfaction: row.satisfaction, comment: row.feedbackComment },
    followUp: {
      note: row.followUpNote,
      at: iso(row.followedUpAt),
      askedAt: iso(row.followUpAskedAt),
    },
    handling: {
      firstRespondedAt: iso(row.firstRespondedAt),
      responseOverdue: row.responseOverdue,
      overdue: row.overdue,
      pausedAt: iso(row.pausedAt),
      pausedSeconds: row.pausedSeconds,
      extensionDays: row.extensionDays,
      levelOverride: row.levelOverride,
      ownFault: row.ownFault,
      reopenCount: row.reopenCount,
    },
    group: { ref: row.groupRef, complainants: row.groupComplainants },
    facts: {
      peopleInvolved: row.peopleInvolved,
      amountYuan: row.amountYuan,
      impairment: row.impairment as Impairment,
      lawsuit: row.lawsuit,
      protest: row.protest,
      media: row.media,
    },
    progress: (row.progress ?? []).map((entry) => ({
      at: entry.at.toISOString(),
      author: entry.author,
      text: entry.text,
      attachments: (entry.attachments ?? []).map((file) => ({
        kind: file.kind as Complaint['attachments'][number]['kind'],
        url: file.url,
      })),
    })),
    attachments: (row.attachments ?? []).map((attachment) => ({
      kind: attachment.kind as Complaint['attachments'][number]['kind'],
      url: attachment.url,
      mimeType: attachment.mimeType,
      caption: attachment.caption,
      createdAt: attachment.createdAt.toISOString(),
    })),
    repeatCount: row.repeatCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
