/**
 * Collective and repeat complaints: a new complaint about the same project and category, with
 * content alike enough, within the window, joins the group of the most similar earlier one. The
 * number of different complainants in the group within the window feeds the level rules, and the
 * group's open members are raised with it; a member's own count is the one it joined or last
 * rose with, the newest member's is the group's. Runs inside the registration's transaction.
 */
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import { similarity } from '../workflow/similarity.ts';
import { openStatuses } from '../workflow/status.ts';
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
 * the members that join or rise up to date: their group, the count, and the level it now gives.
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
    const open = (openStatuses as readonly string[]).includes(member.status);
    const raised =
      open && !member.levelOverride
        ? raisedLevel(ctx, { ...member, groupRef, groupComplainants })
        : null;
    // A member is rewritten only when it joins or rises. Rewriting every member on every join
    // made each intake into a large group slower than the last (a burst pipe, 120 calls).
    if (member.groupRef === groupRef && !raised) continue;
    await auditedUpdate(tx, ctx, {
      row: member,
      data: {
        groupRef,
        groupComplainants,
        ...(raised
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
      guard: false,
    });
  }
  return groupComplainants;
}
