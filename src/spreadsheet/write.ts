/**
 * Writes ledger rows as CSV or XLSX in the hand-kept column layout, streaming: rows are written as
 * they arrive and nothing holds the whole ledger in memory.
 */
import type { Writable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify';
import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import { maskPhone } from '../complaint/privacy.ts';
import type { Source, Status } from '../complaint/schema.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { type ColumnKey, columnKeys, headers, sourceLabels, statusLabels } from './columns.ts';

export type Language = 'zh' | 'en';
export type SheetFormat = 'csv' | 'xlsx';

export interface WriteOptions {
  format: SheetFormat;
  language?: Language;
  timezone: string;
  /** Show phone numbers in full; otherwise they are masked (138****5678). */
  revealContact?: boolean;
  onRow?: (count: number) => void;
}

function cells(row: ComplaintRow, options: WriteOptions): Record<ColumnKey, string | number> {
  const language = options.language ?? 'zh';
  const when = (date: Date | null, pattern: string) =>
    date ? format(new TZDate(date.getTime(), options.timezone), pattern) : '';
  return {
    ref: row.ref,
    receivedAt: when(row.receivedAt, 'yyyy-MM-dd HH:mm'),
    name: row.complainantName ?? '',
    phone: (options.revealContact ? row.complainantPhone : maskPhone(row.complainantPhone)) ?? '',
    project: row.project ?? '',
    area: row.area ?? '',
    building: row.building ?? '',
    unit: row.unit ?? '',
    room: row.room ?? '',
    source: sourceLabels[row.source as Source]?.[language] ?? row.source,
    category: row.category,
    content: row.content,
    subject: row.subject ?? '',
    level: row.level ?? '',
    status: statusLabels[row.status as Status]?.[language] ?? row.status,
    assignee: row.assignee ?? '',
    resolutionDueAt: when(row.resolutionDueAt, 'yyyy-MM-dd'),
    solution: row.solution ?? '',
    resolution: row.resolution ?? '',
    satisfaction: row.satisfaction ?? '',
    followUp: row.followUpNote ?? '',
  };
}

export async function writeSheet(
  rows: AsyncIterable<ComplaintRow>,
  out: Writable,
  options: WriteOptions,
): Promise<number> {
  const language = options.language ?? 'zh';
  const titles = columnKeys.map((key) => headers[key][language]);
  let count = 0;

  if (options.format === 'csv') {
    // A byte-order mark makes Excel open the UTF-8 file with the Chinese intact.
    out.write('\uFEFF');
    const csv = stringify({ header: true, columns: titles });
    csv.pipe(out);
    for await (const row of rows) {
      const values = cells(row, options);
      if (!csv.write(columnKeys.map((key) => values[key]))) {
        await new Promise((resolve) => csv.once('drain', resolve));
      }
      count += 1;
      options.onRow?.(count);
    }
    await new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
      csv.end();
    });
    return count;
  }

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(language === 'zh' ? '投诉台账' : 'Ledger');
  sheet.columns = columnKeys.map((key, i) => ({
    header: titles[i],
    key,
    width: key === 'content' ? 60 : key === 'receivedAt' ? 17 : 12,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    sheet.addRow(cells(row, options)).commit();
    count += 1;
    options.onRow?.(count);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
