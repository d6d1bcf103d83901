/**
 * Ref formatting. Hand-kept ledgers prefix refs by source (plain numbers for the call centre, W for
 * WeChat, L for forum monitoring, Q for referrals); Taizhang keeps that, one counter per prefix.
 */
import type { Source } from './schema.ts';

export const defaultRefPrefixes: Record<Source, string> = {
  hotline: '',
  wechat: 'W',
  wechaty: 'W',
  line: 'LN',
  telegram: 'TG',
  forum: 'L',
  referral: 'Q',
  web: 'E',
};

export interface RefFormat {
  prefixes: Record<Source, string>;
  /** Digits are zero-padded to this width: W001. */
  width: number;
}

export function formatRef(prefix: string, value: number, width: number): string {
  return prefix + String(value).padStart(width, '0');
}

/** Splits a ref into its prefix and number, or returns undefined when it has neither shape. */
export function parseRef(ref: string): { prefix: string; value: number } | undefined {
  const match = /^([A-Za-z]*)(\d+)$/.exec(ref);
  if (!match) return undefined;
  return { prefix: (match[1] ?? '').toUpperCase(), value: Number(match[2]) };
}
