/**
 * Staff performance over a range: per assignee and per team, how many complaints they hold, how
 * many they resolved, how many of those on time, and the customers' average satisfaction. A team
 * is the staff account's team; an assignee without an account counts under no team.
 */
import type { LedgerContext } from './context.ts';
import { type ReportRange, resolvedOnTime, scanComplaints } from './scan-complaints.ts';

export interface Performance {
  key: string;
  label: string;
  team: string | null;
  assigned: number;
  resolved: number;
  onTime: number;
  overdueOpen: number;
  satisfaction: number | null;
}

interface Tally {
  assigned: number;
  resolved: number;
  onTime: number;
  overdueOpen: number;
  rated: number;
  ratedTotal: number;
}

const emptyTally = (): Tally => ({
  assigned: 0,
  resolved: 0,
  onTime: 0,
  overdueOpen: 0,
  rated: 0,
  ratedTotal: 0,
});

export async function staffPerformance(
  ctx: LedgerContext,
  options: { range: ReportRange },
): Promise<{ people: Performance[]; teams: Performance[] }> {
  const now = ctx.now();
  const staff = await ctx.db.prisma.staffUser.findMany({
    select: { username: true, displayName: true, team: true },
  });
  const accounts = new Map(staff.map((member) => [member.username, member]));
  const people = new Map<string, Tally>();

  for await (const row of scanComplaints(ctx, { range: options.range })) {
    if (!row.assignee) continue;
    const tally = people.get(row.assignee) ?? emptyTally();
    tally.assigned++;
    if (row.resolvedAt) tally.resolved++;
    if (resolvedOnTime(row)) tally.onTime++;
    const open = row.status === 'pending' || row.status === 'in_progress';
    if (open && row.resolutionDueAt && row.resolutionDueAt < now) tally.overdueOpen++;
    if (row.satisfaction) {
      tally.rated++;
      tally.ratedTotal += row.satisfaction;
    }
    people.set(row.assignee, tally);
  }

  const teams = new Map<string, Tally>();
  for (const [assignee, tally] of people) {
    const team = accounts.get(assignee)?.team ?? '';
    const sum = teams.get(team) ?? emptyTally();
    for (const key of Object.keys(sum) as (keyof Tally)[]) sum[key] += tally[key];
    teams.set(team, sum);
  }

  const present = (key: string, label: string, team: string | null, tally: Tally) => ({
    key,
    label,
    team,
    assigned: tally.assigned,
    resolved: tally.resolved,
    onTime: tally.onTime,
    overdueOpen: tally.overdueOpen,
    satisfaction: tally.rated ? Math.round((tally.ratedTotal / tally.rated) * 10) / 10 : null,
  });
  const byAssigned = (a: Performance, b: Performance) =>
    b.assigned - a.assigned || a.label.localeCompare(b.label);

  return {
    people: [...people]
      .map(([assignee, tally]) => {
        const account = accounts.get(assignee);
        return present(assignee, account?.displayName ?? assignee, account?.team ?? null, tally);
      })
      .sort(byAssigned),
    teams: [...teams]
      .map(([team, tally]) => present(team, team, team || null, tally))
      .sort(byAssigned),
  };
}
