/**
 * Registers one complaint: validates it against the shared schema, draws a ref for its source (or
 * keeps the one an import brings), and stores it with its attachments in one transaction.
 * A complaint whose `dedupeKey` or kept ref is already in the ledger is not stored again: the
 * existing one is returned with `created: false`, which is what makes redeliveries harmless.
 * The unique keys decide that inside the insert, so the usual case, a new complaint, reads nothing
 * first; only a violation reads the row that won.
 *
 * Every intake path comes through here, so this is where handling starts, in the same
 * transaction: the complaint joins its collective group, the level rules set its level, the
 * level's time limits its due dates, the assignment rules its assignee, and the audit trail gets
 * its first entry.
 */
import { formatRef, parseRef } from '../complaint/refs.ts';
import { ComplaintInput } from '../complaint/schema.ts';
import { AppError, issuesFromZod } from '../errors.ts';
import { nextRefNumber, raiseRefCounter } from './allocate-ref.ts';
import { appendAudit, type Origin, pickAudited, systemOrigin, type Tx } from './audit-trail.ts';
import { chooseAssignee } from './auto-assign.ts';
import type { LedgerContext } from './context.ts';
import { classifyRow, dueDatesFor } from './handling-rules.ts';
import { linkGroup } from './link-group.ts';
import { type ComplaintRow, withDetail } from './present.ts';

export interface RegisterResult {
  row: ComplaintRow;
  created: boolean;
  /** The category is not in the configured list; it was kept as written. */
  unknownCategory: boolean;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}

export async function registerComplaint(
  ctx: LedgerContext,
  options: { input: ComplaintInput; origin?: Origin },
): Promise<RegisterResult> {
  const parsed = ComplaintInput.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'complaint failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  const input = parsed.data;
  const unknownCategory = !ctx.categories.includes(input.category);
  const { prisma, dialect } = ctx.db;

  const kept = input.ref ? parseRef(input.ref) : undefined;
  if (input.ref && !kept) {
    throw new AppError('validation_failed', 'ref has no recognisable shape', {
      issues: [{ path: 'ref', message: 'expected an optional letter prefix and digits' }],
    });
  }

  try {
    const row = await prisma.$transaction(async (tx) => {
      let ref: string;
      if (kept && input.ref) {
        ref = input.ref.toUpperCase();
        await raiseRefCounter(tx, dialect, kept.prefix, kept.value);
      } else {
        const prefix = ctx.refs.prefixes[input.source];
        ref = formatRef(prefix, await nextRefNumber(tx, prefix), ctx.refs.width);
      }
      const created = await tx.complaint.create({
        data: {
          ref,
          receivedAt: input.receivedAt ?? ctx.now(),
          source: input.source,
          sourceRef: input.sourceRef ?? null,
          dedupeKey: input.dedupeKey ?? null,
          repeatKey: input.repeatKey ?? null,
          complainantName: input.complainant.name ?? null,
          complainantPhone: input.complainant.phone ?? null,
          complainantChannelId: input.complainant.channelId ?? null,
          subject: input.subject ?? null,
          content: input.content,
          category: input.category,
          project: input.location.project ?? null,
          area: input.location.area ?? null,
          building: input.location.building ?? null,
          unit: input.location.unit ?? null,
          room: input.location.room ?? null,
          peopleInvolved: input.facts.peopleInvolved,
          amountYuan: input.facts.amountYuan ?? null,
          impairment: input.facts.impairment,
          lawsuit: input.facts.lawsuit,
          protest: input.facts.protest,
          media: input.facts.media,
          attachments: { create: input.attachments },
        },
      });
      return startHandling(tx, ctx, created, options.origin ?? systemOrigin);
    });
    return { row, created: true, unknownCategory };
  } catch (error) {
    // Lost a race with a concurrent delivery of the same thing: answer with the winner's row.
    if (isUniqueViolation(error)) {
      const winner = await findExisting(ctx, input.dedupeKey, input.ref);
      if (winner) return { row: winner, created: false, unknownCategory };
    }
    throw error;
  }
}

async function findExisting(
  ctx: LedgerContext,
  dedupeKey: string | undefined,
  ref: string | undefined,
): Promise<ComplaintRow | null> {
  const { prisma } = ctx.db;
  if (dedupeKey) {
    const row = await prisma.complaint.findUnique({ where: { dedupeKey }, include: withDetail });
    if (row) return row;
  }
  if (ref) {
    return prisma.complaint.findUnique({ where: { ref: ref.toUpperCase() }, include: withDetail });
  }
  return null;
}

/** Group, level, due dates and assignee of a complaint just stored, and its first audit entry. */
async function startHandling(
  tx: Tx,
  ctx: LedgerContext,
  created: ComplaintRow,
  origin: Origin,
): Promise<ComplaintRow> {
  const group = await linkGroup(tx, ctx, { row: created, origin });
  const grouped = { ...created, ...group };
  const level = classifyRow(ctx, grouped);
  const assignment = await chooseAssignee(tx, grouped);
  if (assignment) {
    await tx.assignmentEvent.create({
      data: {
        complaintId: created.id,
        at: ctx.now(),
        assignee: assignment.assignee,
        by: origin.actor,
        rule: assignment.rule,
      },
    });
  }
  const row = await tx.complaint.update({
    where: { id: created.id },
    data: {
      ...group,
      level: level.level,
      levelRule: level.rule,
      ...dueDatesFor(ctx, created, level.level),
      ...(assignment ? { assignee: assignment.assignee } : {}),
    },
    include: withDetail,
  });
  await appendAudit(tx, ctx.db.dialect, {
    origin,
    at: ctx.now(),
    ref: row.ref,
    action: 'register',
    after: { ...pickAudited(row), ...(assignment ? { assignmentRule: assignment.rule } : {}) },
  });
  return row;
}
