/**
 * Imports a hand-kept ledger. Every row is read and checked first; unless every row is valid (or
 * `skipInvalid` is set) nothing is written. Refs are kept, so importing the same file twice adds
 * nothing; a row without a ref is recognised again by a digest of its cells.
 */
import { createHash } from 'node:crypto';
import { parseRef } from '../complaint/refs.ts';
import { ComplaintInput, type Source } from '../complaint/schema.ts';
import {
  type ColumnKey,
  columnForHeader,
  headers,
  ledgerColumns,
  sourceForLabel,
} from '../spreadsheet/columns.ts';
import { readLedgerDate } from '../spreadsheet/dates.ts';
import type { Cell, Sheet } from '../spreadsheet/read.ts';
import type { LedgerContext } from './context.ts';
import { registerComplaint } from './register-complaint.ts';

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  valid: number;
  created: string[];
  alreadyInLedger: string[];
  invalid: ImportProblem[];
  /** Categories outside the configured list, kept as written, with the rows that carry them. */
  unknownCategories: Record<string, number[]>;
  /** How dates without a year were read: the rule, and how many rows took each year. */
  yearRule: string;
  assumedYears: Record<string, number>;
  ignoredColumns: string[];
  dryRun: boolean;
  written: boolean;
}

export interface ImportOptions {
  sheet: Sheet;
  year?: number;
  dryRun?: boolean;
  skipInvalid?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const text = (cell: Cell | undefined) =>
  cell === null || cell === undefined
    ? ''
    : cell instanceof Date
      ? cell.toISOString()
      : String(cell).trim();

function sourceFromRef(ctx: LedgerContext, ref: string): Source | undefined {
  const prefix = parseRef(ref)?.prefix;
  if (prefix === undefined) return undefined;
  const match = Object.entries(ctx.refs.prefixes).find(([, p]) => p === prefix);
  return match?.[0] as Source | undefined;
}

export async function importLedger(
  ctx: LedgerContext,
  options: ImportOptions,
): Promise<ImportReport> {
  const { sheet } = options;
  const columns = sheet.headers.map((header) => columnForHeader(header));
  const report: ImportReport = {
    rows: sheet.rows.length,
    valid: 0,
    created: [],
    alreadyInLedger: [],
    invalid: [],
    unknownCategories: {},
    yearRule:
      options.year !== undefined
        ? `dates without a year were taken as ${options.year} (--year)`
        : 'dates without a year were taken as the most recent such date not in the future',
    assumedYears: {},
    ignoredColumns: sheet.headers.filter(
      (header, i) => header !== '' && (!columns[i] || !ledgerColumns.includes(columns[i])),
    ),
    dryRun: options.dryRun ?? false,
    written: false,
  };

  for (const required of ['content', 'category'] as const) {
    if (!columns.includes(required)) {
      report.invalid.push({ row: 1, column: headers[required].zh, message: 'column is missing' });
    }
  }
  if (report.invalid.length > 0) return report;

  const inputs: { row: number; input: ComplaintInput }[] = [];
  sheet.rows.forEach((cells, index) => {
    const row = sheet.rowNumbers[index] ?? index + 2;
    const value = (key: ColumnKey) => {
      const at = columns.indexOf(key);
      return at < 0 ? undefined : cells[at];
    };
    const problems: ImportProblem[] = [];
    const problem = (key: ColumnKey, message: string) =>
      problems.push({ row, column: headers[key].zh, message });

    const ref = text(value('ref')) || undefined;
    if (ref && !parseRef(ref)) problem('ref', `"${ref}" is not a ref (letters then digits)`);

    const sourceText = text(value('source'));
    const source = sourceText
      ? sourceForLabel(sourceText)
      : ref
        ? sourceFromRef(ctx, ref)
        : undefined;
    if (!source) {
      problem('source', sourceText ? `unknown source "${sourceText}"` : 'the source is empty');
    }

    let receivedAt: Date | undefined;
    if (columns.includes('receivedAt')) {
      const reading = readLedgerDate(value('receivedAt') ?? null, {
        timezone: ctx.timezone,
        now: ctx.now(),
        year: options.year,
      });
      if (reading.ok) {
        receivedAt = reading.date;
        if (reading.assumedYear !== undefined) {
          const key = String(reading.assumedYear);
          report.assumedYears[key] = (report.assumedYears[key] ?? 0) + 1;
        }
      } else {
        problem('receivedAt', reading.message);
      }
    }

    const category = text(value('category'));
    const candidate = {
      ref,
      receivedAt,
      source: source ?? 'referral',
      complainant: { name: text(value('name')), phone: text(value('phone')) },
      subject: text(value('subject')) || undefined,
      content: text(value('content')),
      category,
      location: {
        project: text(value('project')),
        area: text(value('area')),
        building: text(value('building')),
        unit: text(value('unit')),
        room: text(value('room')),
      },
      // Without a ref, the row's own cells are what recognises it on a second import.
      dedupeKey: ref
        ? undefined
        : `import:${createHash('sha256')
            .update(JSON.stringify(cells.map(text)))
            .digest('hex')}`,
    } satisfies ComplaintInput;
    const checked = ComplaintInput.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const key = (issue.path.at(-1) === 'name' ? 'name' : issue.path.at(-1)) as ColumnKey;
        problems.push({
          row,
          column: headers[key]?.zh ?? issue.path.join('.'),
          message: issue.message,
        });
      }
    }

    if (problems.length > 0) {
      report.invalid.push(...problems);
      return;
    }
    if (category && !ctx.categories.includes(category)) {
      report.unknownCategories[category] = [...(report.unknownCategories[category] ?? []), row];
    }
    inputs.push({ row, input: candidate });
  });
  report.valid = inputs.length;

  const blocked = report.invalid.length > 0 && !options.skipInvalid;
  if (options.dryRun || blocked) return report;

  let done = 0;
  for (const { input } of inputs) {
    const result = await registerComplaint(ctx, { input });
    (result.created ? report.created : report.alreadyInLedger).push(result.row.ref);
    done += 1;
    options.onProgress?.(done, inputs.length);
  }
  report.written = true;
  return report;
}
