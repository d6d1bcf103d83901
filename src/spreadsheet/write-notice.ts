/**
 * The public-notice (公示) export: what happened and what was done, with no personal data. The
 * columns leave out the complainant, the contact, the channel identity, building, unit and room;
 * the free text is scrubbed of phone numbers, names and rooms.
 */
import type { Writable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { scrubPersonalData } from '../complaint/public-notice.ts';
import type { Source, Status } from '../complaint/schema.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { headers, sourceLabels, statusLabels } from './columns.ts';
import { type Language, type SheetFormat, writeTable } from './write.ts';

const noticeKeys = [
  'ref',
  'receivedAt',
  'project',
  'area',
  'source',
  'category',
  'content',
  'status',
  'resolution',
] as const;
type NoticeKey = (typeof noticeKeys)[number];

export async function writePublicNotice(
  rows: AsyncIterable<ComplaintRow>,
  out: Writable,
  options: { format: SheetFormat; language?: Language; timezone: string },
): Promise<number> {
  const language = options.language ?? 'zh';
  async function* records(): AsyncGenerator<Record<NoticeKey, string>> {
    for await (const row of rows) {
      const known = {
        names: [row.complainantName, row.complainantChannelId],
        rooms: [row.room ? `${row.room}室` : null, row.room],
      };
      yield {
        ref: row.ref,
        receivedAt: format(new TZDate(row.receivedAt.getTime(), options.timezone), 'yyyy-MM-dd'),
        project: row.project ?? '',
        area: row.area ?? '',
        source: sourceLabels[row.source as Source]?.[language] ?? row.source,
        category: row.category,
        content: scrubPersonalData(row.content, known),
        status: statusLabels[row.status as Status]?.[language] ?? row.status,
        resolution: scrubPersonalData(row.resolution ?? row.solution ?? '', known),
      };
    }
  }
  return writeTable(records(), out, {
    format: options.format,
    sheetName: language === 'zh' ? '投诉公示' : 'Public notice',
    columns: noticeKeys.map((key) => ({
      key,
      title: headers[key][language],
      width: key === 'content' || key === 'resolution' ? 60 : 12,
    })),
  });
}
