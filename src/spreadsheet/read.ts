/**
 * Reads a spreadsheet (CSV or XLSX) into a header row and data rows of cell values. CSV is decoded
 * as UTF-8 (a byte-order mark is dropped); XLSX is read from its first worksheet with exceljs.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';

export type Cell = string | number | Date | boolean | null;

export interface Sheet {
  headers: string[];
  /** Data rows; `rowNumbers[i]` is the 1-based line or row of `rows[i]` in the file. */
  rows: Cell[][];
  rowNumbers: number[];
  /** The text encoding a CSV file was read in. */
  encoding?: 'utf-8' | 'gb18030';
}

export async function readSheet(path: string): Promise<Sheet> {
  const kind = extname(path).toLowerCase();
  if (kind === '.csv' || kind === '.txt') return readCsv(await readFile(path));
  if (kind === '.xlsx') return readXlsx(path);
  throw new AppError(
    'bad_request',
    `cannot read ${kind || 'a file without an extension'}: use .csv or .xlsx`,
  );
}

/**
 * Excel in a Chinese locale saves "CSV" as GB18030 (GBK), so a file that is not valid UTF-8 is read
 * as GB18030; `encoding` says which was used.
 */
function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      return { text, encoding: 'gb18030' };
    } catch {
      throw new AppError('bad_request', 'the CSV file is neither UTF-8 nor GB18030 text');
    }
  }
}

export function readCsv(bytes: Buffer): Sheet {
  const { text: decoded, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(decoded, { relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    // csv-parse says where the file broke (an unclosed quote, say); the import shows it.
    const reason = error instanceof Error ? error.message : 'unreadable';
    throw new AppError('bad_request', `the CSV file cannot be read: ${reason}`, { cause: error });
  }
  const [headerRow = [], ...data] = records;
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  data.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return;
    rows.push(record);
    rowNumbers.push(index + 2);
  });
  return { headers: headerRow.map((h) => h.trim()), rows, rowNumbers, encoding };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

async function readXlsx(path: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new AppError('bad_request', 'the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('bad_request', 'the workbook has no worksheet');
  let headers: string[] = [];
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const width = Math.max(row.cellCount, headers.length);
    const cells = Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
    if (headers.length === 0) {
      headers = cells.map((cell) => String(cell ?? '').trim());
      return;
    }
    if (cells.every((cell) => cell === null || String(cell).trim() === '')) return;
    rows.push(cells);
    rowNumbers.push(number);
  });
  return { headers, rows, rowNumbers };
}
