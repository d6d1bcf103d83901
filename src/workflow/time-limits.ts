/**
 * Time limits per level: how soon staff must first answer and by when the complaint must be
 * resolved. Due dates count from intake, move on by the days of any extension and by the time the
 * clock was paused waiting on the customer.
 */
import type { Preset } from './levels.ts';

const hour = 3_600_000;
const day = 24 * hour;

export interface TimeLimit {
  firstResponseMs: number;
  resolutionMs: number;
}

export type TimeLimits = Record<1 | 2 | 3, TimeLimit>;

export const presetTimeLimits: Record<Preset, TimeLimits> = {
  property: {
    1: { firstResponseMs: 2 * hour, resolutionMs: 3 * day },
    2: { firstResponseMs: 24 * hour, resolutionMs: 7 * day },
    3: { firstResponseMs: 48 * hour, resolutionMs: 15 * day },
  },
  // The regulator's 15 days hold for every bank complaint; severity shortens the first answer.
  bank: {
    1: { firstResponseMs: 4 * hour, resolutionMs: 15 * day },
    2: { firstResponseMs: 24 * hour, resolutionMs: 15 * day },
    3: { firstResponseMs: 48 * hour, resolutionMs: 15 * day },
  },
};

/** How far a bank complaint's limit may be extended: to 30 days when complex, 30 more approved. */
export interface ExtensionPolicy {
  /** Days an extension may add without approval, in total. */
  withoutApprovalDays: number;
  /** Days all extensions may add at most, with approval beyond `withoutApprovalDays`. */
  maxDays: number;
}

export const presetExtensions: Record<Preset, ExtensionPolicy> = {
  property: { withoutApprovalDays: 30, maxDays: 90 },
  bank: { withoutApprovalDays: 15, maxDays: 45 },
};

export interface Clock {
  receivedAt: Date;
  level: number | null;
  pausedSeconds: number;
  extensionDays: number;
}

export function dueDates(limits: TimeLimits, clock: Clock) {
  const limit = limits[(clock.level ?? 3) as 1 | 2 | 3] ?? limits[3];
  const start = clock.receivedAt.getTime() + clock.pausedSeconds * 1000;
  return {
    firstResponseDueAt: new Date(start + limit.firstResponseMs),
    resolutionDueAt: new Date(start + limit.resolutionMs + clock.extensionDays * day),
  };
}

/** Days since intake on the handling clock, which stops while waiting on the customer. */
export function handlingDays(
  clock: { receivedAt: Date; pausedSeconds: number; pausedAt: Date | null },
  now: Date,
): number {
  const stopped = clock.pausedAt ?? now;
  const ms = stopped.getTime() - clock.receivedAt.getTime() - clock.pausedSeconds * 1000;
  return Math.max(0, ms) / day;
}

/** Parses `1h`, `90m`, `3d` into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { m: 60_000, h: hour, d: day }[match[2] as 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

export const msPerDay = day;
