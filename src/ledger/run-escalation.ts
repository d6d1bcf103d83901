/**
 * The escalation sweep, run by `taizhang escalate`, on an interval in the Node server and by the
 * Workers cron trigger. For each complaint being handled whose clock runs it raises the level the
 * rules now give (age counts: unresolved half a month or a month through our own fault), marks a
 * missed first response or resolution due date as overdue, and notifies the assignee and the
 * supervisors. For resolved complaints whose follow-up has gone unanswered for
 * `FOLLOW_UP_ANSWER_DAYS` it opens a task for staff. Every change is a flag or a level reached, so a
 * second run straight after finds nothing left to do.
 */
import { AppError } from '../errors.ts';
import type { Notification } from '../workflow/notify.ts';
import { msPerDay } from '../workflow/time-limits.ts';
import { auditedUpdate, type Origin, systemOrigin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';
import { dueDatesFor, raisedLevel } from './handling-rules.ts';
import { supervisorNames } from './record-feedback.ts';
import { openTask } from './staff-tasks.ts';

export interface SweepSummary {
  checked: number;
  escalated: number;
  overdue: number;
  responseOverdue: number;
  tasks: number;
}

const batch = 200;

const skipConflict = (error: unknown): null => {
  if (error instanceof AppError && error.code === 'conflict') return null;
  throw error;
};

export async function runEscalation(
  ctx: LedgerContext,
  options: { origin?: Origin } = {},
): Promise<SweepSummary> {
  const origin = options.origin ?? systemOrigin;
  const { prisma } = ctx.db;
  const now = ctx.now();
  const summary: SweepSummary = {
    checked: 0,
    escalated: 0,
    overdue: 0,
    responseOverdue: 0,
    tasks: 0,
  };
  const supervisors = await supervisorNames(ctx);
  const notices: Notification[] = [];
  const notice = (
    kind: Notification['kind'],
    row: { ref: string; level: number | null; assignee: string | null },
    detail?: Record<string, unknown>,
  ) =>
    notices.push({
      kind,
      ref: row.ref,
      level: row.level,
      assignee: row.assignee,
      notify: supervisors,
      at: now.toISOString(),
      ...(detail ? { detail } : {}),
    });

  let cursor = 0;
  for (;;) {
    const rows = await prisma.complaint.findMany({
      where: { id: { gt: cursor }, status: { in: ['pending', 'in_progress'] }, pausedAt: null },
      orderBy: { id: 'asc' },
      take: batch,
    });
    for (const row of rows) {
      cursor = row.id;
      summary.checked++;
      const raised = raisedLevel(ctx, row);
      const level = raised?.level ?? row.level;
      const due = raised ? dueDatesFor(ctx, row, raised.level) : row;
      const overdue = !row.overdue && due.resolutionDueAt !== null && due.resolutionDueAt <= now;
      const responseOverdue =
        !row.responseOverdue &&
        !row.firstRespondedAt &&
        due.firstResponseDueAt !== null &&
        due.firstResponseDueAt <= now;
      if (!raised && !overdue && !responseOverdue) continue;

      const updated = await prisma
        .$transaction((tx) =>
          auditedUpdate(tx, ctx, {
            row,
            data: {
              ...(raised
                ? {
                    level,
                    levelRule: raised.rule,
                    firstResponseDueAt: due.firstResponseDueAt,
                    resolutionDueAt: due.resolutionDueAt,
                  }
                : {}),
              ...(overdue ? { overdue: true } : {}),
              ...(responseOverdue ? { responseOverdue: true } : {}),
            },
            action: 'sweep',
            origin,
          }),
        )
        .catch(skipConflict);
      // Staff changed it since it was read: the next run looks at it again.
      if (!updated) continue;
      if (raised) {
        summary.escalated++;
        notice('escalated', updated, { from: row.level, to: raised.level, rule: raised.rule });
      }
      if (overdue) {
        summary.overdue++;
        notice('overdue', updated, { dueAt: updated.resolutionDueAt?.toISOString() });
      }
      if (responseOverdue) {
        summary.responseOverdue++;
        notice('response_overdue', updated, { dueAt: updated.firstResponseDueAt?.toISOString() });
      }
    }
    if (rows.length < batch) break;
  }

  const askedBefore = new Date(now.getTime() - ctx.workflow.followUpAnswerDays * msPerDay);
  const unanswered = await prisma.complaint.findMany({
    where: { status: 'resolved', followedUpAt: null, followUpAskedAt: { lte: askedBefore } },
    orderBy: { id: 'asc' },
  });
  for (const row of unanswered) {
    const opened = await prisma.$transaction((tx) =>
      openTask(tx, { row, kind: 'follow_up_unanswered', at: now }),
    );
    if (!opened) continue;
    summary.tasks++;
    notice('follow_up_unanswered', row);
  }

  for (const item of notices) ctx.notifier.notify(item);
  ctx.logger.info({ ...summary }, 'escalation sweep');
  return summary;
}
