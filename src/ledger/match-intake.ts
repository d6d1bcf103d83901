/**
 * What an incoming call or post already matches, in one round trip: the complaint it was
 * registered as (same dedupe key), the complaint it was added to as a repeat, or the open
 * complaint it repeats (same repeat key, still pending or in progress, received within the window;
 * the newest wins). Intake asks this for every event, so it is one raw query rather than three
 * Prisma reads; the SQL is the same in both dialects.
 */
import type { LedgerContext } from './context.ts';

export type IntakeMatch =
  | { kind: 'complaint' | 'repeat' | 'target'; complaintId: number }
  | { kind: 'none' };

const rank = { complaint: 0, repeat: 1, target: 2 } as const;

export async function matchIntake(
  ctx: LedgerContext,
  options: { dedupeKey: string; repeatKey?: string; windowDays: number },
): Promise<IntakeMatch> {
  const { dedupeKey, repeatKey } = options;
  const since = new Date(ctx.now().getTime() - options.windowDays * 86_400_000);
  // No repeat key (or no window) binds NULL, which no row equals, so the query stays one static
  // statement: Prisma.sql fragments would pull Prisma's Node runtime into the Workers bundle.
  const repeatOf = repeatKey && options.windowDays > 0 ? repeatKey : null;
  // A concurrent delivery of this very input may have just created its own complaint: it is no
  // repeat target, hence the dedupe key's exclusion.
  const rows = await ctx.db.prisma.$queryRaw<{ kind: keyof typeof rank; id: number | bigint }[]>`
    SELECT 'complaint' AS "kind", "id" FROM "complaint" WHERE "dedupe_key" = ${dedupeKey}
    UNION ALL
    SELECT 'repeat' AS "kind", "complaint_id" AS "id" FROM "complaint_repeat"
    WHERE "dedupe_key" = ${dedupeKey}
    UNION ALL SELECT * FROM (
      SELECT 'target' AS "kind", "id" FROM "complaint"
      WHERE "repeat_key" = ${repeatOf} AND "status" IN ('pending', 'in_progress')
        AND "received_at" >= ${since}
        AND ("dedupe_key" IS NULL OR "dedupe_key" <> ${dedupeKey})
      ORDER BY "received_at" DESC LIMIT 1) AS "newest"`;
  const best = rows.sort((a, b) => rank[a.kind] - rank[b.kind])[0];
  return best ? { kind: best.kind, complaintId: Number(best.id) } : { kind: 'none' };
}
