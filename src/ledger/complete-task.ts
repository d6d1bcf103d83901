/** Marks a staff task done, with what came of it (the callback's note, the review's decision). */
import { AppError } from '../errors.ts';
import type { Origin } from './audit-trail.ts';
import type { LedgerContext } from './context.ts';

export async function completeTask(
  ctx: LedgerContext,
  options: { id: number; note?: string; origin: Origin },
) {
  const task = await ctx.db.prisma.staffTask.findUnique({ where: { id: options.id } });
  if (!task) throw new AppError('not_found', `no task ${options.id}`);
  if (task.doneAt) {
    throw new AppError('conflict', `task ${options.id} is already done`, {
      publicMessage: 'This task is already done',
    });
  }
  return ctx.db.prisma.staffTask.update({
    where: { id: options.id },
    data: { doneAt: ctx.now(), doneBy: options.origin.actor, note: options.note ?? null },
  });
}
