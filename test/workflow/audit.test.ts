import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProgress } from '../../src/ledger/add-progress.ts';
import { assignComplaint } from '../../src/ledger/assign-complaint.ts';
import { appendAudit, auditHash, type Tx } from '../../src/ledger/audit-trail.ts';
import { extendDueDate } from '../../src/ledger/extend-due-date.ts';
import { pauseClock } from '../../src/ledger/pause-clock.ts';
import { recordFeedback } from '../../src/ledger/record-feedback.ts';
import { resolveComplaint } from '../../src/ledger/resolve-complaint.ts';
import { resumeClock } from '../../src/ledger/resume-clock.ts';
import { verifyAudit } from '../../src/ledger/verify-audit.ts';
import { testDialect } from '../support/database.ts';
import {
  bossOrigin,
  createWorkflowFixture,
  day,
  staffOrigin,
  type WorkflowFixture,
} from './support.ts';

/** Lets a test rewrite the trail the way someone with the database's keys could. */
async function bypassTriggers(f: WorkflowFixture) {
  const run = (sql: string) => f.db.prisma.$executeRawUnsafe(sql);
  if (f.db.dialect === 'sqlite') {
    await run('DROP TRIGGER "audit_entry_no_update"');
    await run('DROP TRIGGER "audit_entry_no_delete"');
  } else {
    await run('ALTER TABLE "audit_entry" DISABLE TRIGGER "audit_entry_no_change"');
  }
}

describe('the audit trail', () => {
  let f: WorkflowFixture;
  let ref: string;
  beforeEach(async () => {
    f = await createWorkflowFixture();
    await f.staff('wang', 'agent');
    ref = (await f.register({ facts: { amountYuan: 5_000 } })).ref;
    await assignComplaint(f.ledger, { ref, assignee: 'wang', origin: bossOrigin });
    f.advance(60_000);
    await addProgress(f.ledger, { ref, input: { text: '已上门查看' }, origin: staffOrigin });
    await pauseClock(f.ledger, { ref, reason: '等业主回家', origin: staffOrigin });
    f.advance(day);
    await resumeClock(f.ledger, { ref, origin: staffOrigin });
    await extendDueDate(f.ledger, {
      ref,
      input: { days: 3, reason: '等配件' },
      origin: staffOrigin,
      mayApprove: false,
    });
    await resolveComplaint(f.ledger, { ref, input: { resolution: '已修复' }, origin: staffOrigin });
    await recordFeedback(f.ledger, { ref, input: { satisfaction: 5 }, origin: staffOrigin });
  });
  afterEach(() => f.drop());

  const entries = () => f.db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });

  it('should append who, when, from where and the values before and after of each change', async () => {
    const trail = await entries();
    expect(trail.map((entry) => entry.action)).toEqual([
      'register',
      'assign',
      'progress',
      'clock.pause',
      'clock.resume',
      'due.extend',
      'resolve',
      'follow-up.ask',
      'follow-up.answer',
    ]);
    expect(trail.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(trail[1]).toMatchObject({ actorId: 'boss', actorVia: 'session', requestId: 'req-2' });
    expect(trail[2]).toMatchObject({ actorId: 'wang', requestId: 'req-1', ip: '::1' });
    expect(trail[2]?.at).toEqual(new Date(Date.parse('2026-06-01T02:01:00.000Z')));
    expect(JSON.parse(trail[1]?.before ?? '')).toEqual({ assignee: null });
    expect(JSON.parse(trail[1]?.after ?? '')).toEqual({ assignee: 'wang' });
    expect(JSON.parse(trail[8]?.before ?? '')).toMatchObject({ status: 'resolved' });
    expect(JSON.parse(trail[8]?.after ?? '')).toMatchObject({ status: 'closed', satisfaction: 5 });
    // The first entry holds what came in, but not the complainant's phone.
    expect(JSON.parse(trail[0]?.after ?? '')).toMatchObject({ amountYuan: 5000, level: 2 });
    expect(trail[0]?.after).not.toContain('13800000001');
  });

  it('should verify an untouched chain', async () => {
    expect(await verifyAudit(f.ledger)).toEqual({
      ok: true,
      entries: 9,
      complaints: 1,
      untracked: 0,
    });
  });

  it('should refuse UPDATE and DELETE of a trail row', async () => {
    const run = (sql: string) => f.db.prisma.$executeRawUnsafe(sql);
    await expect(run(`UPDATE "audit_entry" SET "actor_id" = 'x' WHERE "seq" = 2`)).rejects.toThrow(
      /append-only/,
    );
    await expect(run(`DELETE FROM "audit_entry" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    expect((await entries())[1]?.actorId).toBe('boss');
  });

  it('should name a rewritten row as the first broken link', async () => {
    await bypassTriggers(f);
    await f.db.prisma.$executeRawUnsafe(
      `UPDATE "audit_entry" SET "actor_id" = 'zhao' WHERE "seq" = 3`,
    );
    expect(await verifyAudit(f.ledger)).toEqual({
      ok: false,
      seq: 3,
      problem: 'its contents do not match its hash',
    });
  });

  it('should name the next row when a rewritten row got a fresh hash', async () => {
    await bypassTriggers(f);
    const third = (await entries())[2];
    if (!third) throw new Error('no third entry');
    const forged = { ...third, actorId: 'zhao' };
    await f.db.prisma.$executeRawUnsafe(
      `UPDATE "audit_entry" SET "actor_id" = 'zhao', "hash" = '${await auditHash(forged)}'
       WHERE "seq" = 3`,
    );
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: false, seq: 4 });
  });

  it('should name a removed row', async () => {
    await bypassTriggers(f);
    await f.db.prisma.$executeRawUnsafe(`DELETE FROM "audit_entry" WHERE "seq" = 5`);
    expect(await verifyAudit(f.ledger)).toEqual({
      ok: false,
      seq: 5,
      problem: 'entry 5 is missing',
    });
  });

  it.each([
    ['status', `'in_progress'`],
    ['assignee', `'zhao'`],
    ['level', '3'],
    ['level_rule', `'override'`],
    ['satisfaction', '1'],
    ['resolution', `'没修'`],
    ['extension_days', '30'],
    ['content', `'改过的投诉内容'`],
    ['amount_yuan', '100'],
  ])('should catch a complaint whose %s was changed in SQL', async (column, value) => {
    await f.db.prisma.$executeRawUnsafe(`UPDATE "complaint" SET "${column}" = ${value}`);
    const field = column.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase());
    expect(await verifyAudit(f.ledger)).toEqual({
      ok: false,
      seq: null,
      ref,
      field,
      problem: `${field} differs from the audit trail`,
    });
  });

  it('should catch a due date moved in SQL', async () => {
    const row = await f.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    await f.db.prisma.complaint.update({
      where: { ref },
      data: { resolutionDueAt: new Date((row.resolutionDueAt?.getTime() ?? 0) + day) },
    });
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: false, field: 'resolutionDueAt' });
  });
});

describe('appendAudit without a transaction, as on D1', () => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await createWorkflowFixture();
  });
  afterEach(() => f.drop());

  // PostgreSQL always appends inside a transaction holding the chain lock.
  it.skipIf(testDialect === 'postgresql')('should link writers racing for one seq', async () => {
    const prisma = f.db.prisma as unknown as Tx;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendAudit(prisma, 'sqlite', {
          origin: staffOrigin,
          at: f.clock.now,
          ref: null,
          action: `race.${i}`,
        }),
      ),
    );
    const seqs = (await f.db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } })).map(
      (entry) => entry.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await verifyAudit(f.ledger)).toMatchObject({ ok: true, entries: 12 });
  });
});
