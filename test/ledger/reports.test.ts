import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaffUser } from '../../src/accounts/add-staff-user.ts';
import { ledgerStats, summarize } from '../../src/ledger/ledger-stats.ts';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { staffPerformance } from '../../src/ledger/staff-performance.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const hour = 3_600_000;
const now = new Date('2026-06-15T04:00:00Z');

describe('dashboard and staff reports', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    database.ledger.now = () => now;
    const ledger = database.ledger;
    const add = async (
      receivedAt: string,
      category: string,
      project: string,
      handling: Record<string, unknown> = {},
      firstProgressAfterHours?: number,
    ) => {
      const { row } = await registerComplaint(ledger, {
        input: {
          source: 'hotline',
          receivedAt,
          content: '测试',
          category,
          location: { project },
        },
      });
      await database.db.prisma.complaint.update({ where: { id: row.id }, data: handling });
      if (firstProgressAfterHours !== undefined) {
        await database.db.prisma.progressEntry.create({
          data: {
            complaintId: row.id,
            author: 'wang',
            text: '已联系',
            at: new Date(row.receivedAt.getTime() + firstProgressAfterHours * hour),
          },
        });
      }
    };
    for (const [username, team] of [
      ['wang', '一组'],
      ['zhao', '二组'],
    ] as const) {
      await addStaffUser(ledger, {
        input: { username, role: 'agent', team, password: 'long enough password' },
        cost: 4,
      });
    }
    // April: two about the same lift, one resolved on time, one late; May: one open and overdue.
    await add(
      '2026-04-02T02:00:00Z',
      '物业服务',
      '森林湖',
      {
        assignee: 'wang',
        status: 'resolved',
        level: 2,
        resolutionDueAt: new Date('2026-04-05T00:00:00Z'),
        resolvedAt: new Date('2026-04-03T02:00:00Z'),
        satisfaction: 5,
      },
      2,
    );
    await add(
      '2026-04-20T02:00:00Z',
      '物业服务',
      '森林湖',
      {
        assignee: 'wang',
        status: 'closed',
        level: 3,
        resolutionDueAt: new Date('2026-04-21T00:00:00Z'),
        resolvedAt: new Date('2026-04-22T02:00:00Z'),
        satisfaction: 3,
      },
      6,
    );
    await add('2026-05-10T02:00:00Z', '工程质量', '御湖湾', {
      assignee: 'zhao',
      status: 'in_progress',
      level: 1,
      resolutionDueAt: new Date('2026-05-12T00:00:00Z'),
    });
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should count per month by category, status and level', async () => {
    const stats = await ledgerStats(database.ledger, { range: {} });

    expect(stats.months).toEqual(['2026-04', '2026-05']);
    expect(stats.byMonth.category).toEqual({ 物业服务: [2, 0], 工程质量: [0, 1] });
    expect(stats.byMonth.status).toEqual({ resolved: [1, 0], closed: [1, 0], in_progress: [0, 1] });
    expect(stats.byMonth.level).toEqual({ '2': [1, 0], '3': [1, 0], '1': [0, 1] });
    expect(stats.totals).toEqual({ complaints: 3, open: 1, overdue: 1, resolvedLate: 1 });
  });

  it('should measure response and resolution times, satisfaction and repeats', async () => {
    const stats = await ledgerStats(database.ledger, { range: {} });

    expect(stats.firstResponse).toEqual({ count: 2, averageHours: 4, medianHours: 4 });
    expect(stats.resolution).toEqual({ count: 2, averageHours: 36, medianHours: 36 });
    expect(stats.satisfaction).toEqual({ count: 2, average: 4, distribution: [0, 0, 1, 0, 1] });
    expect(stats.repeated).toEqual([{ category: '物业服务', project: '森林湖', count: 2 }]);
  });

  it('should keep to the range', async () => {
    const stats = await ledgerStats(database.ledger, {
      range: { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') },
    });

    expect(stats.totals.complaints).toBe(1);
    expect(stats.months).toEqual(['2026-05']);
  });

  it('should report each person and team', async () => {
    const { people, teams } = await staffPerformance(database.ledger, { range: {} });

    expect(people).toEqual([
      {
        key: 'wang',
        label: 'wang',
        team: '一组',
        assigned: 2,
        resolved: 2,
        onTime: 1,
        overdueOpen: 0,
        satisfaction: 4,
      },
      {
        key: 'zhao',
        label: 'zhao',
        team: '二组',
        assigned: 1,
        resolved: 0,
        onTime: 0,
        overdueOpen: 1,
        satisfaction: null,
      },
    ]);
    expect(teams.map((team) => [team.label, team.assigned])).toEqual([
      ['一组', 2],
      ['二组', 1],
    ]);
  });
});

describe('summarize', () => {
  it.each([
    [[], { count: 0, averageHours: null, medianHours: null }],
    [[1, 2, 9], { count: 3, averageHours: 4, medianHours: 2 }],
    [[4, 1, 3, 2], { count: 4, averageHours: 2.5, medianHours: 2.5 }],
  ])('should summarize %j', (hours, expected) => {
    expect(summarize(hours)).toEqual(expected);
  });
});
