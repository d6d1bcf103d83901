/**
 * The audit trail: every change to a complaint appends one row saying who (actor and how they
 * came: session, token, CLI, the system), from where (request id, IP), what (the action) and the
 * values before and after. Each row carries the SHA-256 of the row before it, so rewriting,
 * removing or reordering any row breaks the chain (`verifyAudit`). The table is append-only:
 * triggers refuse UPDATE and DELETE (migration 0008).
 *
 * Appends are serialized: on PostgreSQL a transaction-scoped advisory lock is taken before the
 * chain head is read, so concurrent writers queue; SQLite has one writer at a time. Known
 * shortcoming: D1 has no transactions for Workers (see src/workers/database.ts), so two Worker
 * requests changing complaints at the same instant can both read the same head. The unique `seq`
 * refuses the second row, and since nothing there is inside a transaction the append simply reads
 * the new head and tries again. What stays open on D1 is the gap between the complaint's write and
 * its audit row (a Worker dying in between leaves a change unaudited, which verify then names). It
 * ends with D1 transactions or a Durable Object owning the chain.
 */
import type { Dialect } from '../db/url.ts';
import { AppError } from '../errors.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { type ComplaintRow, withDetail } from './present.ts';

export type Tx = Prisma.TransactionClient;

/** Who made a change and from where. */
export interface Origin {
  actor: string;
  via: 'session' | 'token' | 'system' | 'cli' | 'channel';
  requestId?: string;
  ip?: string;
}

export const systemOrigin: Origin = { actor: 'system', via: 'system' };

export const genesisHash = '0'.repeat(64);

/**
 * The complaint's fields the trail follows; `verifyAudit` replays them against the rows. They
 * include what came in (text, place, the facts the level rules read), so a complaint rewritten
 * behind the ledger's back is caught too. The complainant's name, phone and channel identity are
 * left out: personal data must not go into a log that can never forget it.
 */
export const auditedFields = [
  'receivedAt',
  'source',
  'subject',
  'content',
  'project',
  'area',
  'building',
  'unit',
  'room',
  'peopleInvolved',
  'amountYuan',
  'impairment',
  'lawsuit',
  'protest',
  'media',
  'status',
  'assignee',
  'category',
  'level',
  'levelRule',
  'levelOverride',
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'solution',
  'resolution',
  'resolvedAt',
  'satisfaction',
  'feedbackComment',
  'followUpNote',
  'followedUpAt',
  'followUpAskedAt',
  'pausedAt',
  'pausedSeconds',
  'extensionDays',
  'overdue',
  'responseOverdue',
  'ownFault',
  'groupRef',
  'groupComplainants',
  'reopenCount',
  'repeatCount',
] as const;
export type AuditedField = (typeof auditedFields)[number];

export type AuditValues = Record<string, string | number | boolean | null>;

const plain = (value: unknown): string | number | boolean | null =>
  value instanceof Date ? value.toISOString() : (value as string | number | boolean | null);

/** The audited fields of a row (or of an update's data), as JSON values. */
export function pickAudited(
  source: Record<string, unknown>,
  only?: readonly string[],
): AuditValues {
  const values: AuditValues = {};
  for (const field of auditedFields) {
    if (only && !only.includes(field)) continue;
    if (field in source) values[field] = plain(source[field] ?? null);
  }
  return values;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string;
  actorVia: string;
  requestId: string | null;
  ip: string | null;
  complaintRef: string | null;
  action: string;
  before: string | null;
  after: string | null;
  prevHash: string;
}

/** The hash of a row: SHA-256 over its fields in a fixed order, as JSON. */
export async function auditHash(record: AuditRecord): Promise<string> {
  const canonical = JSON.stringify([
    record.seq,
    record.at.toISOString(),
    record.actorId,
    record.actorVia,
    record.requestId,
    record.ip,
    record.complaintRef,
    record.action,
    record.before,
    record.after,
    record.prevHash,
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** An arbitrary constant: the advisory lock that serializes appends on PostgreSQL. */
const chainLock = 5_408_123;

export async function appendAudit(
  tx: Tx,
  dialect: Dialect,
  entry: {
    origin: Origin;
    at: Date;
    ref: string | null;
    action: string;
    before?: AuditValues | null;
    after?: AuditValues | null;
  },
): Promise<void> {
  if (dialect === 'postgresql') {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${chainLock})`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendAfterHead(tx, entry);
    } catch (error) {
      // Only D1 can lose the race for the head (see the module note); elsewhere a clash is a bug.
      const clash = (error as { code?: string } | null)?.code === 'P2002';
      if (!clash || dialect === 'postgresql' || attempt >= maxAppendAttempts) throw error;
    }
  }
}

const maxAppendAttempts = 20;

async function appendAfterHead(tx: Tx, entry: Parameters<typeof appendAudit>[2]): Promise<void> {
  const head = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
  const record: AuditRecord = {
    seq: (head?.seq ?? 0) + 1,
    at: entry.at,
    actorId: entry.origin.actor,
    actorVia: entry.origin.via,
    requestId: entry.origin.requestId ?? null,
    ip: entry.origin.ip ?? null,
    complaintRef: entry.ref,
    action: entry.action,
    before: entry.before ? JSON.stringify(entry.before) : null,
    after: entry.after ? JSON.stringify(entry.after) : null,
    prevHash: head?.hash ?? genesisHash,
  };
  await tx.auditEntry.create({ data: { ...record, hash: await auditHash(record) } });
}

const isNotFound = (error: unknown) => (error as { code?: string } | null)?.code === 'P2025';

/**
 * Updates a complaint and appends the change (the audited fields it touches, before and after)
 * in the caller's transaction. Every change to a complaint's handling goes through here.
 *
 * The update is a compare-and-set: operations check the status machine and their other rules on
 * the row they read before the transaction, so the row must still be that row (same status, same
 * `updatedAt`) or the change is refused with 409 `conflict`. Without it two verdicts or two starts
 * arriving together would both pass their checks and both be written.
 */
export async function auditedUpdate(
  tx: Tx,
  ctx: { db: { dialect: Dialect }; now: () => Date },
  options: {
    row: ComplaintRow;
    data: Prisma.ComplaintUncheckedUpdateInput;
    action: string;
    origin: Origin;
    /** Extra facts for the trail that are not columns (a reason, a note). */
    note?: AuditValues;
    /**
     * `false` for changes that hold whatever else happened to the row meanwhile: a collective
     * group growing during an intake must not make the intake fail.
     */
    guard?: boolean;
  },
): Promise<ComplaintRow> {
  const { row } = options;
  const guard = options.guard === false ? {} : { status: row.status, updatedAt: row.updatedAt };
  let updated: ComplaintRow;
  try {
    updated = await tx.complaint.update({
      where: { id: row.id, ...guard },
      data: options.data,
      include: withDetail,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new AppError('conflict', `${row.ref} changed while ${options.action} was checked`, {
      publicMessage: 'The complaint changed meanwhile; reload it and try again',
      cause: error,
    });
  }
  const touched = Object.keys(options.data);
  await appendAudit(tx, ctx.db.dialect, {
    origin: options.origin,
    at: ctx.now(),
    ref: updated.ref,
    action: options.action,
    before: pickAudited(row, touched),
    after: { ...pickAudited(updated, touched), ...options.note },
  });
  return updated;
}
