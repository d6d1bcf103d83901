/**
 * The level rules and time limits applied to a stored complaint: what the registration, the sweep
 * and a level override share.
 */

import type { Impairment } from '../complaint/schema.ts';
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import { type Classification, classify, type LevelFacts } from '../workflow/levels.ts';
import { openStatuses } from '../workflow/status.ts';
import { dueDates, handlingDays } from '../workflow/time-limits.ts';
import type { LedgerContext } from './context.ts';

export function levelFacts(row: Row, now: Date): LevelFacts {
  return {
    peopleInvolved: row.peopleInvolved,
    amountYuan: row.amountYuan,
    impairment: row.impairment as Impairment,
    lawsuit: row.lawsuit,
    protest: row.protest,
    media: row.media,
    groupComplainants: row.groupComplainants,
    handlingDays: handlingDays(row, now),
    open: (openStatuses as readonly string[]).includes(row.status),
    ownFault: row.ownFault,
  };
}

const neutral = {
  peopleInvolved: 1,
  amountYuan: null,
  impairment: 'none',
  lawsuit: false,
  protest: false,
  media: false,
  groupComplainants: 1,
} as const;

export function classifyRow(ctx: LedgerContext, row: Row): Classification {
  const { preset, thresholds } = ctx.workflow;
  return classify(preset, thresholds, levelFacts(row, ctx.now()));
}

export function dueDatesFor(ctx: LedgerContext, row: Row, level: number | null) {
  return dueDates(ctx.workflow.timeLimits, { ...row, level });
}

/**
 * The level a complaint should now have, when higher than the one it has (levels only rise). A
 * level a supervisor set by hand answers only to the age rules.
 */
export function raisedLevel(ctx: LedgerContext, row: Row): Classification | null {
  const facts = levelFacts(row, ctx.now());
  const { preset, thresholds } = ctx.workflow;
  const found = classify(preset, thresholds, row.levelOverride ? { ...facts, ...neutral } : facts);
  if (row.level !== null && found.level >= row.level) return null;
  return found;
}
