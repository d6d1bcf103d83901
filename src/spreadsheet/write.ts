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
  async function* records() {
    for await (const row of rows) yield cells(row, options);
  }
  return writeTable(records(), out, {
    format: options.format,
    sheetName: language === 'zh' ? '投诉台账' : 'Ledger',
    columns: columnKeys.map((key) => ({
      key,
      title: headers[key][language],
      width: key === 'content' ? 60 : key === 'receivedAt' ? 17 : 12,
    })),
    onRow: options.onRow,
  });
}

export interface TableColumn<K extends string> {
  key: K;
  title: string;
  width?: number;
}

/** Writes records as CSV or XLSX, one row at a time, waiting when the output is full. */
export async function writeTable<K extends string>(
  records: AsyncIterable<Record<K, string | number>>,
  out: Writable,
  options: {
    format: SheetFormat;
    sheetName: string;
    columns: readonly TableColumn<K>[];
    onRow?: ((count: number) => void) | undefined;
  },
): Promise<number> {
  const { columns } = options;
  let count = 0;

  if (options.format === 'csv') {
    // A byte-order mark makes Excel open the UTF-8 file with the Chinese intact.
    out.write('\uFEFF');
    const csv = stringify({ header: true, columns: columns.map((column) => column.title) });
    csv.pipe(out);
    for await (const record of records) {
      if (!csv.write(columns.map((column) => record[column.key]))) {
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
  const sheet = workbook.addWorksheet(options.sheetName);
  sheet.columns = columns.map((column) => ({
    header: column.title,
    key: column.key,
    width: column.width ?? 12,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const record of records) {
    sheet.addRow(record).commit();
    count += 1;
    options.onRow?.(count);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
