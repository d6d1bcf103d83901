/** How the console writes dates and labels, in the ledger's time zone and the reader's language. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Source, Status } from '../complaint/schema.ts';
import { sourceLabels, statusLabels } from '../spreadsheet/columns.ts';
import type { Lang } from './i18n.ts';

export function formatTime(date: Date | null, timezone: string, pattern = 'yyyy-MM-dd HH:mm') {
  return date ? format(new TZDate(date.getTime(), timezone), pattern) : '';
}

export function sourceLabel(source: string, lang: Lang): string {
  return sourceLabels[source as Source]?.[lang] ?? source;
}

export function statusLabel(status: string, lang: Lang): string {
  return statusLabels[status as Status]?.[lang] ?? status;
}

/** A ledger-day from a date input (YYYY-MM-DD) as an instant in the ledger's time zone. */
export function startOfLedgerDay(day: string, timezone: string, addDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  return new Date(new TZDate(year, month - 1, date + addDays, timezone).getTime());
}
