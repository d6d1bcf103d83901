/**
 * Checks the audit trail end to end: each row's sequence number follows the last, its
 * `prevHash` is the hash of the row before and its own hash matches its contents. Then it replays
 * the audited fields of every complaint from the trail and compares them with the complaint rows,
 * so a complaint changed behind the ledger's back is caught as well (complaints registered before
 * the trail existed have nothing to replay and are counted as untracked). Answers the first broken
 * link, or `ok`. The last row of the chain removed leaves no gap; see the README's Handling
 * section for keeping a copy of the head elsewhere.
 */
import {
  type AuditValues,
  auditedFields,
  auditHash,
  genesisHash,
  pickAudited,
} from './audit-trail.ts';
import type { LedgerContext } from './context.ts';

export type AuditVerdict =
  | {
      ok: true;
      entries: number;
      complaints: number;
      /** Complaints with no entry at all: registered before the trail existed (migration 0008). */
      untracked: number;
    }
  | { ok: false; seq: number | null; ref?: string; field?: string; problem: string };

const batch = 500;

export async function verifyAudit(
  ctx: LedgerContext,
  _options: object = {},
): Promise<AuditVerdict> {
  const { prisma } = ctx.db;
  const state = new Map<string, AuditValues>();
  let previous = { seq: 0, hash: genesisHash };
  let entries = 0;

  for (;;) {
    const rows = await prisma.auditEntry.findMany({
      where: { seq: { gt: previous.seq } },
      orderBy: { seq: 'asc' },
      take: batch,
    });
    for (const row of rows) {
      if (row.seq !== previous.seq + 1) {
        return {
          ok: false,
          seq: previous.seq + 1,
          problem: `entry ${previous.seq + 1} is missing`,
        };
      }
      if (row.prevHash !== previous.hash) {
        return { ok: false, seq: row.seq, problem: 'does not link to the entry before it' };
      }
      if ((await auditHash(row)) !== row.hash) {
        return { ok: false, seq: row.seq, problem: 'its contents do not match its hash' };
      }
      if (row.complaintRef && row.after) {
        const after = JSON.parse(row.after) as AuditValues;
        state.set(row.complaintRef, { ...state.get(row.complaintRef), ...after });
      }
      previous = { seq: row.seq, hash: row.hash };
      entries++;
    }
    if (rows.length < batch) break;
  }

  let complaints = 0;
  let untracked = 0;
  let cursor = 0;
  for (;;) {
    const rows = await prisma.complaint.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: batch,
    });
    for (const row of rows) {
      cursor = row.id;
      complaints++;
      const expected = state.get(row.ref);
      if (!expected) {
        untracked++;
        continue;
      }
      const actual = pickAudited(row);
      for (const field of auditedFields) {
        if (!(field in expected)) continue;
        if (actual[field] !== expected[field]) {
          return {
            ok: false,
            seq: null,
            ref: row.ref,
            field,
            problem: `${field} differs from the audit trail`,
          };
        }
      }
    }
    if (rows.length < batch) break;
  }
  return { ok: true, entries, complaints, untracked };
}
