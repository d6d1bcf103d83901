import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import { changeStatus } from '../../src/ledger/change-status.ts';
import { registerOrRepeat } from '../../src/ledger/register-or-repeat.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { classify, type LevelFacts, presetThresholds } from '../../src/workflow/levels.ts';
import { loadWorkflowSettings } from '../../src/workflow/settings.ts';
import { createWorkflowFixture, staffOrigin, type WorkflowFixture } from './support.ts';

const plain: LevelFacts = {
  peopleInvolved: 1,
  amountYuan: null,
  impairment: 'none',
  lawsuit: false,
  protest: false,
  media: false,
  groupComplainants: 1,
  handlingDays: 0,
  open: true,
  ownFault: true,
};

type Case = [string, Partial<LevelFacts>, 1 | 2 | 3, string];

/** Each property rule at its threshold and either side of it. */
const propertyCases: Case[] = [
  ['nothing special', {}, 3, 'default'],
  ['a home that cannot be lived in', { impairment: 'unusable' }, 1, 'unusable'],
  ['a defect that impairs use', { impairment: 'impaired' }, 2, 'impaired'],
  ['11 people', { peopleInvolved: 11 }, 1, 'people>=10'],
  ['10 people', { peopleInvolved: 10 }, 1, 'people>=10'],
  ['9 people', { peopleInvolved: 9 }, 2, 'people>=3'],
  ['4 people', { peopleInvolved: 4 }, 2, 'people>=3'],
  ['3 people', { peopleInvolved: 3 }, 2, 'people>=3'],
  ['2 people', { peopleInvolved: 2 }, 3, 'default'],
  ['30,001 yuan', { amountYuan: 30_001 }, 1, 'amount>30000'],
  ['30,000 yuan', { amountYuan: 30_000 }, 2, 'amount>3000'],
  ['29,999 yuan', { amountYuan: 29_999 }, 2, 'amount>3000'],
  ['3,001 yuan', { amountYuan: 3_001 }, 2, 'amount>3000'],
  ['3,000 yuan', { amountYuan: 3_000 }, 3, 'default'],
  ['2,999 yuan', { amountYuan: 2_999 }, 3, 'default'],
  ['a lawsuit', { lawsuit: true }, 1, 'lawsuit-protest-media'],
  ['a protest', { protest: true }, 1, 'lawsuit-protest-media'],
  ['media exposure', { media: true }, 1, 'lawsuit-protest-media'],
  ['10 complainants in the group', { groupComplainants: 10 }, 1, 'people>=10'],
  ['4 complainants in the group', { groupComplainants: 4 }, 2, 'complainants>=3'],
  ['3 complainants in the group', { groupComplainants: 3 }, 2, 'complainants>=3'],
  ['2 complainants in the group', { groupComplainants: 2 }, 3, 'default'],
  ['31 days unresolved, ours', { handlingDays: 31 }, 1, 'unresolved>=30d'],
  ['30 days unresolved, ours', { handlingDays: 30 }, 1, 'unresolved>=30d'],
  ['29.9 days unresolved, ours', { handlingDays: 29.9 }, 2, 'unresolved>=15d'],
  ['16 days unresolved, ours', { handlingDays: 16 }, 2, 'unresolved>=15d'],
  ['15 days unresolved, ours', { handlingDays: 15 }, 2, 'unresolved>=15d'],
  ['14.9 days unresolved, ours', { handlingDays: 14.9 }, 3, 'default'],
  ['31 days, not our fault', { handlingDays: 31, ownFault: false }, 3, 'default'],
  ['31 days but resolved', { handlingDays: 31, open: false }, 3, 'default'],
];

describe('the property preset', () => {
  it.each(propertyCases)('should give %s level %i by its rule', (_name, facts, level, rule) => {
    const found = classify('property', presetThresholds.property, { ...plain, ...facts });
    expect(found).toEqual({ level, rule: `property:${rule}` });
  });

  it('should take thresholds from LEVEL_THRESHOLDS over the preset', () => {
    const settings = loadWorkflowSettings({ LEVEL_THRESHOLDS: 'level1AmountAbove=50000' });
    const at = (amountYuan: number) =>
      classify('property', settings.thresholds, { ...plain, amountYuan });
    expect(at(50_000)).toEqual({ level: 2, rule: 'property:amount>3000' });
    expect(at(50_001)).toEqual({ level: 1, rule: 'property:amount>50000' });
  });

  it('should refuse an unknown threshold name naming the variable', () => {
    expect(() => loadWorkflowSettings({ LEVEL_THRESHOLDS: 'level9=1' })).toThrow(
      expect.objectContaining({ code: 'config_invalid', message: expect.stringMatching(/^LEVEL/) }),
    );
  });
});

describe('the bank preset', () => {
  it.each([
    [14.9, 2, 'unresolved>=10d'],
    [15, 1, 'unresolved>=15d'],
    [10, 2, 'unresolved>=10d'],
    [9.9, 3, 'default'],
  ] as const)('should rate %d days unresolved as level %i', (days, level, rule) => {
    const found = classify('bank', presetThresholds.bank, { ...plain, handlingDays: days });
    expect(found).toEqual({ level, rule: `bank:${rule}` });
  });
});

/** The fact rules again, through registration: the level and the rule that set it are stored. */
const registered: Array<[string, ComplaintInput['facts'], 1 | 2 | 3, string]> = [
  ['an unusable home', { impairment: 'unusable' }, 1, 'unusable'],
  ['10 people', { peopleInvolved: 10 }, 1, 'people>=10'],
  ['9 people', { peopleInvolved: 9 }, 2, 'people>=3'],
  ['2 people', { peopleInvolved: 2 }, 3, 'default'],
  ['30,001 yuan', { amountYuan: 30_001 }, 1, 'amount>30000'],
  ['30,000 yuan', { amountYuan: 30_000 }, 2, 'amount>3000'],
  ['3,001 yuan', { amountYuan: 3_001 }, 2, 'amount>3000'],
  ['3,000 yuan', { amountYuan: 3_000 }, 3, 'default'],
  ['media exposure', { media: true }, 1, 'lawsuit-protest-media'],
];

describe('levels set at registration', () => {
  let f: WorkflowFixture;
  beforeAll(async () => {
    f = await createWorkflowFixture();
  });
  afterAll(() => f.drop());

  it.each(registered)('should store level and rule for %s', async (_name, facts, level, rule) => {
    const row = await f.register({ facts });
    const stored = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref: row.ref } });
    expect([stored.level, stored.levelRule]).toEqual([level, `property:${rule}`]);
  });

  it('should rate a second complaint after handling as level 3', async () => {
    const first = { source: 'hotline', repeatKey: 'hotline:caller:13900000009' } as const;
    const { row } = await registerOrRepeat(f.ledger, {
      input: { ...first, dedupeKey: 'call-1', content: '楼上漏水', category: '工程维修' },
      repeatWindowDays: 30,
    });
    await changeStatus(f.ledger, { ref: row.ref, to: 'in_progress', origin: staffOrigin });
    await resolveComplaint(f.ledger, {
      ref: row.ref,
      input: { resolution: '已修复' },
      origin: staffOrigin,
    });

    const again = await registerOrRepeat(f.ledger, {
      input: { ...first, dedupeKey: 'call-2', content: '楼上又漏水了', category: '工程维修' },
      repeatWindowDays: 30,
    });
    expect(again.outcome).toBe('created');
    expect(again.row.ref).not.toBe(row.ref);
    expect([again.row.level, again.row.levelRule]).toEqual([3, 'property:default']);
  });
});
