/**
 * Assignment rules: the first rule (in position order) whose category and source match names a
 * team, and the team's active members (agents and supervisors, not disabled) take turns. The turn
 * is a counter row per team bumped atomically, so it stays fair across restarts and instances.
 */
import type { Complaint as Row } from '../generated/sqlite/client.ts';
import type { Tx } from './audit-trail.ts';

export interface AutoAssignment {
  assignee: string;
  rule: string;
}

export async function chooseAssignee(tx: Tx, row: Row): Promise<AutoAssignment | null> {
  const rules = await tx.assignmentRule.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] });
  const rule = rules.find(
    (candidate) =>
      (candidate.category === null || candidate.category === row.category) &&
      (candidate.source === null || candidate.source === row.source),
  );
  if (!rule) return null;
  const members = await tx.staffUser.findMany({
    where: { team: rule.team, disabled: false, role: { in: ['agent', 'supervisor'] } },
    orderBy: { username: 'asc' },
  });
  if (members.length === 0) return null;
  const turns = await tx.$queryRaw<{ value: number | bigint }[]>`
    INSERT INTO "team_cursor" ("team", "value") VALUES (${rule.team}, 1)
    ON CONFLICT ("team") DO UPDATE SET "value" = "team_cursor"."value" + 1
    RETURNING "value"`;
  const turn = Number(turns[0]?.value ?? 1);
  const member = members[(turn - 1) % members.length];
  if (!member) return null;
  const matched = [rule.category ?? '*', rule.source ?? '*'].join('/');
  return { assignee: member.username, rule: `rule ${rule.id} (${matched}) -> ${rule.team}` };
}
