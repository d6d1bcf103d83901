import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { runCli } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const day = 86_400_000;

describe('escalate and audit commands', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeEach(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
  });
  afterEach(async () => {
    await database.drop();
  });

  const register = (daysAgo: number, content: string) =>
    registerComplaint(database.ledger, {
      input: {
        source: 'referral',
        complainant: { name: '王先生', phone: '13812345678' },
        content,
        category: '工程质量',
        receivedAt: new Date(Date.now() - daysAgo * day).toISOString(),
      },
    });

  it('should mark overdue complaints once and change nothing on a second run', async () => {
    await register(20, '卫生间顶棚漏水一个多月，物业维修一直不到场');
    await register(1, '小区门禁卡失灵');

    const first = await runCli(['escalate'], env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Checked 2 open complaints: .*1 overdue/);
    const flagged = await database.db.prisma.complaint.findMany({ where: { overdue: true } });
    expect(flagged.map((row) => row.ref)).toEqual(['Q001']);
    const entries = await database.db.prisma.auditEntry.count();

    const second = await runCli(['escalate', '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toEqual({
      checked: 2,
      escalated: 0,
      overdue: 0,
      responseOverdue: 0,
      tasks: 0,
    });
    expect(await database.db.prisma.auditEntry.count()).toBe(entries);
    const sweep = await database.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'sweep' },
    });
    expect([sweep.actorId, sweep.actorVia]).toEqual(['cli:escalate', 'cli']);
  });

  it('should verify an intact trail and name a complaint changed behind its back', async () => {
    await register(1, '小区门禁卡失灵');
    await runCli(['escalate'], env);

    const intact = await runCli(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/Audit trail intact: \d+ entries, 1 complaints/);

    await database.db.prisma.$executeRawUnsafe(
      `UPDATE "complaint" SET "status" = 'closed' WHERE "ref" = 'Q001'`,
    );
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.err).toBe(
      'Audit trail broken at complaint Q001, field status: status differs from the audit trail',
    );
  });

  it('should refuse an unknown audit sub-command with the usage', async () => {
    const run = await runCli(['audit', 'rewrite'], env);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/taizhang audit verify/);
  });
});
