/**
 * Collective and repeat complaints: a new complaint about the same project and category, with
 * content alike enough, within the window, joins the group of the most similar earlier one. The
 * number of different complainants in the group within the window feeds the level rules, and the
 * group's open members are raised with it. Runs inside the registration's transaction.
 */
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import { similarity } from '../workflow/similarity.ts';
import { auditedUpdate, type Origin, type Tx } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { dueDatesFor, raisedLevel } from './handling-rules.ts';

const day = 86_400_000;

/** Who complained: the phone, else the channel identity, else the name; a blank row is its own. */
const identity = (row: Row) =>
  row.complainantPhone ??
  (row.complainantChannelId ? `${row.source}:${row.complainantChannelId}` : null) ??
  row.complainantName ??
  `ref:${row.ref}`;

export async function linkGroup(
  tx: Tx,
  ctx: LedgerContext,
  options: { row: Row; origin: Origin },
): Promise<{ groupRef: string | null; groupComplainants: number }> {
  const { row } = options;
  const { groupWindowDays, groupSimilarity } = ctx.workflow;
  if (!row.project || groupWindowDays <= 0) return { groupRef: null, groupComplainants: 1 };
  const since = new Date(row.receivedAt.getTime() - groupWindowDays * day);

  const candidates = await tx.complaint.findMany({
    where: {
      project: row.project,
      category: row.category,
      receivedAt: { gte: since, lte: row.receivedAt },
      id: { not: row.id },
    },
    orderBy: { receivedAt: 'desc' },
    take: 200,
  });
  let best: { row: Row; score: number } | null = null;
  for (const candidate of candidates) {
    const score = similarity(candidate.content, row.content);
    if (score >= groupSimilarity && (!best || score > best.score)) best = { row: candidate, score };
  }
  if (!best) return { groupRef: null, groupComplainants: 1 };

  const groupRef = best.row.groupRef ?? best.row.ref;
  const members = await tx.complaint.findMany({
    where: { OR: [{ groupRef }, { ref: groupRef }], receivedAt: { gte: since } },
  });
  const groupComplainants = await regroup(tx, ctx, {
    groupRef,
    members,
    newcomer: row,
    origin: options.origin,
  });
  return { groupRef, groupComplainants };
}

/**
 * Counts the group's different complainants (with a newcomer not yet stored in it) and brings
 * every member up to date: its group, the count, and the level the count now gives.
 */
export async function regroup(
  tx: Tx,
  ctx: LedgerContext,
  options: { groupRef: string; members: Row[]; newcomer?: Row; origin: Origin },
): Promise<number> {
  const { groupRef, members, newcomer } = options;
  const people = new Set([...members, ...(newcomer ? [newcomer] : [])].map(identity));
  const groupComplainants = people.size;

  for (const member of members) {
    if (member.groupRef === groupRef && member.groupComplainants === groupComplainants) continue;
    const grown = { ...member, groupRef, groupComplainants };
    const raised = raisedLevel(ctx, grown);
    await auditedUpdate(tx, ctx, {
      row: member,
      data: {
        groupRef,
        groupComplainants,
        ...(raised && !member.levelOverride
          ? {
              level: raised.level,
              levelRule: raised.rule,
              ...dueDatesFor(ctx, member, raised.level),
            }
          : {}),
      },
      action: raised ? 'group.escalate' : 'group.link',
      origin: options.origin,
      note: { joinedBy: newcomer?.ref ?? groupRef },
    });
  }
  return groupComplainants;
}
