/**
 * Reads the dates hand-kept ledgers hold: 10月4日, 2025年10月4日, 2025-10-04 14:30, 2025/10/4,
 * 10/4, and spreadsheet date cells. A date is a wall-clock date in the ledger's time zone.
 * A date without a year takes `year` when given, else the most recent such date not in the future.
 */
import { TZDate } from '@date-fns/tz';
import { isValid } from 'date-fns';
import type { Cell } from './read.ts';

export type DateReading =
  | { ok: true; date: Date; assumedYear?: number }
  | { ok: false; message: string };

interface DateRule {
  timezone: string;
  now: Date;
  year?: number;
}

const withYear =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2})[:：](\d{2})(?::(\d{2}))?)?$/;
const withoutYear = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2})[:：](\d{2}))?$/;

function build(rule: DateRule, parts: number[]): Date | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const date = new TZDate(year, month - 1, day, hour, minute, second, rule.timezone);
  // Reject 2月30日 and the like instead of letting the calendar roll over into March.
  if (!isValid(date) || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return new Date(date.getTime());
}

export function readLedgerDate(cell: Cell, rule: DateRule): DateReading {
  if (cell instanceof Date) return { ok: true, date: cell };
  if (typeof cell === 'number') {
    // Spreadsheet serial day number: days since 1899-12-30.
    if (cell > 20_000 && cell < 80_000) {
      return { ok: true, date: new Date(Math.round((cell - 25_569) * 86_400_000)) };
    }
    return { ok: false, message: `"${cell}" is not a date` };
  }
  const text = String(cell ?? '').trim();
  if (text === '') return { ok: false, message: 'the date is empty' };

  const full = withYear.exec(text);
  if (full) {
    const date = build(
      rule,
      full.slice(1).map((part) => Number(part ?? 0)),
    );
    return date ? { ok: true, date } : { ok: false, message: `"${text}" is not a calendar date` };
  }

  const short = withoutYear.exec(text);
  if (short) {
    const [month, day, hour, minute] = short.slice(1).map((part) => Number(part ?? 0));
    if (rule.year !== undefined) {
      const date = build(rule, [rule.year, month ?? 0, day ?? 0, hour ?? 0, minute ?? 0]);
      if (!date) return { ok: false, message: `"${text}" is not a calendar date in ${rule.year}` };
      return { ok: true, date, assumedYear: rule.year };
    }
    const thisYear = new TZDate(rule.now.getTime(), rule.timezone).getFullYear();
    for (const year of [thisYear, thisYear - 1, thisYear - 2, thisYear - 3, thisYear - 4]) {
      const date = build(rule, [year, month ?? 0, day ?? 0, hour ?? 0, minute ?? 0]);
      if (date && date.getTime() <= rule.now.getTime())
        return { ok: true, date, assumedYear: year };
    }
    return { ok: false, message: `"${text}" is not a calendar date` };
  }

  const parsed = new Date(text);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && isValid(parsed)) return { ok: true, date: parsed };
  return { ok: false, message: `"${text}" is not a date this import can read (try 2025-10-04)` };
}
