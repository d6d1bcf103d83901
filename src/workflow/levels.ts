/**
 * Severity levels 1 (most severe) to 3, set by an ordered list of rules: the first rule that
 * matches sets the level, and its id is stored beside the level so everyone sees why. Two presets
 * ship: the property developer's thresholds as its complaint ledgers state them, and a bank's,
 * whose time limits follow the regulator (handled within 15 days, see time-limits.ts). Every
 * threshold can be overridden by configuration (`LEVEL_THRESHOLDS`).
 */
import type { Impairment } from '../complaint/schema.ts';

export const presets = ['property', 'bank'] as const;
export type Preset = (typeof presets)[number];

export interface Thresholds {
  /** Level 1 from this many people involved (a collective complaint is counted by people). */
  level1People: number;
  /** Level 2 from this many people involved. */
  level2People: number;
  /** Level 1 above this amount of repair or compensation, in yuan. */
  level1AmountAbove: number;
  /** Level 2 above this amount (up to and including level1AmountAbove). */
  level2AmountAbove: number;
  /** Level 2 from this many different complainants with the same complaint in the window. */
  repeatComplainants: number;
  /** Level 1 when still unresolved this many days after intake through our own fault. */
  level1AgeDays: number;
  /** Level 2 when still unresolved this many days after intake through our own fault. */
  level2AgeDays: number;
}

export const presetThresholds: Record<Preset, Thresholds> = {
  // The property developer's ledger: 10+ people, above 30,000 yuan, a month -> level 1;
  // 3-9 people, 3,000 to 30,000 yuan (30,000 included), three complainants, half a month -> 2.
  property: {
    level1People: 10,
    level2People: 3,
    level1AmountAbove: 30_000,
    level2AmountAbove: 3_000,
    repeatComplainants: 3,
    level1AgeDays: 30,
    level2AgeDays: 15,
  },
  // A bank must handle a complaint within 15 days: past the limit it is level 1, two thirds of the
  // way there it is level 2. Amounts are the desk's own choice; these are documented defaults.
  bank: {
    level1People: 10,
    level2People: 3,
    level1AmountAbove: 50_000,
    level2AmountAbove: 5_000,
    repeatComplainants: 3,
    level1AgeDays: 15,
    level2AgeDays: 10,
  },
};

/** What the rules read about a complaint. */
export interface LevelFacts {
  peopleInvolved: number;
  amountYuan: number | null;
  impairment: Impairment;
  lawsuit: boolean;
  protest: boolean;
  media: boolean;
  /** Distinct complainants in its collective group within the window (1 when alone). */
  groupComplainants: number;
  /** Days since intake, not counting time paused waiting on the customer. */
  handlingDays: number;
  /** Whether the complaint is still unresolved (pending or in progress). */
  open: boolean;
  ownFault: boolean;
}

export interface LevelRule {
  id: string;
  level: 1 | 2 | 3;
  matches(facts: LevelFacts): boolean;
}

export interface Classification {
  level: 1 | 2 | 3;
  /** `preset:rule`, e.g. `property:amount>30000`. */
  rule: string;
}

/** The rules of a preset with its thresholds, most severe first. */
export function levelRules(t: Thresholds): LevelRule[] {
  const people = (f: LevelFacts) => Math.max(f.peopleInvolved, f.groupComplainants);
  const amount = (f: LevelFacts) => f.amountYuan ?? 0;
  const lateOurs = (f: LevelFacts, days: number) => f.open && f.ownFault && f.handlingDays >= days;
  return [
    { id: 'unusable', level: 1, matches: (f) => f.impairment === 'unusable' },
    { id: `people>=${t.level1People}`, level: 1, matches: (f) => people(f) >= t.level1People },
    {
      id: `amount>${t.level1AmountAbove}`,
      level: 1,
      matches: (f) => amount(f) > t.level1AmountAbove,
    },
    { id: 'lawsuit-protest-media', level: 1, matches: (f) => f.lawsuit || f.protest || f.media },
    {
      id: `unresolved>=${t.level1AgeDays}d`,
      level: 1,
      matches: (f) => lateOurs(f, t.level1AgeDays),
    },
    { id: 'impaired', level: 2, matches: (f) => f.impairment === 'impaired' },
    {
      id: `people>=${t.level2People}`,
      level: 2,
      matches: (f) => f.peopleInvolved >= t.level2People,
    },
    {
      id: `amount>${t.level2AmountAbove}`,
      level: 2,
      matches: (f) => amount(f) > t.level2AmountAbove,
    },
    {
      id: `complainants>=${t.repeatComplainants}`,
      level: 2,
      matches: (f) => f.groupComplainants >= t.repeatComplainants,
    },
    {
      id: `unresolved>=${t.level2AgeDays}d`,
      level: 2,
      matches: (f) => lateOurs(f, t.level2AgeDays),
    },
    { id: 'default', level: 3, matches: () => true },
  ];
}

export function classify(preset: Preset, t: Thresholds, facts: LevelFacts): Classification {
  const rule = levelRules(t).find((candidate) => candidate.matches(facts));
  // The last rule matches everything, so there is always one.
  const found = rule ?? { id: 'default', level: 3 as const };
  return { level: found.level, rule: `${preset}:${found.id}` };
}
