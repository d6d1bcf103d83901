/**
 * The handling workflow over REST: status moves, assignment, progress, resolution, level
 * overrides, extensions, pauses and reopening. Each route runs one ledger operation with the
 * caller's origin for the audit trail and answers the complaint as it is afterwards.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { can, viewerFor } from '../../accounts/clearance.ts';
import { Status } from '../../complaint/schema.ts';
import { AppError } from '../../errors.ts';
import { addProgress, ProgressInput } from '../../ledger/add-progress.ts';
import { assignComplaint } from '../../ledger/assign-complaint.ts';
import { changeStatus } from '../../ledger/change-status.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { ExtensionInput, extendDueDate } from '../../ledger/extend-due-date.ts';
import { getComplaint } from '../../ledger/get-complaint.ts';
import { LevelOverrideInput, overrideLevel } from '../../ledger/override-level.ts';
import { pauseClock } from '../../ledger/pause-clock.ts';
import { type ComplaintRow, presentComplaint } from '../../ledger/present.ts';
import { ReopenInput, reopenComplaint } from '../../ledger/reopen-complaint.ts';
import { ResolveInput, resolveComplaint } from '../../ledger/resolve-complaint.ts';
import { resumeClock } from '../../ledger/resume-clock.ts';
import { assertPermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { originOf } from '../origin.ts';
import { assertMayWork, complaintAction } from './route-kit.ts';

const StatusBody = z
  .object({
    to: Status.meta({
      description: 'in_progress starts the work; closed ends a followed-up complaint',
    }),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'StatusChange', example: { to: 'in_progress' } });

const AssignBody = z
  .object({
    assignee: z.string().trim().min(1).max(100).meta({ description: 'A staff username' }),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'Assignment', example: { assignee: 'lina', reason: '熟悉该项目' } });

const PauseBody = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: 'Pause', example: { reason: '等待业主提供购房合同' } });
const ResumeBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();

const routes = {
  status: complaintAction({
    path: 'status',
    summary: 'Move the status: pending -> in_progress, resolved -> closed (409 otherwise)',
    body: StatusBody,
    errors: [409],
  }),
  assign: complaintAction({
    path: 'assign',
    summary: 'Make one member of staff accountable (supervisors); the history is kept',
    body: AssignBody,
  }),
  progress: complaintAction({
    path: 'progress',
    summary: 'Add a progress entry (what was done, with attachments)',
    body: ProgressInput.meta({ id: 'ProgressInput', example: { text: '已派维修工上门查看' } }),
    errors: [409],
  }),
  resolve: complaintAction({
    path: 'resolve',
    summary: 'Resolve with the solution and the resolution; asks the complainant a verdict',
    body: ResolveInput.meta({
      id: 'ResolveInput',
      example: { solution: '更换防水层', resolution: '漏水已修复，业主确认' },
    }),
    errors: [409],
  }),
  level: complaintAction({
    path: 'level',
    summary: 'Set the level by hand with a reason (supervisors); due dates follow',
    body: LevelOverrideInput.meta({
      id: 'LevelOverride',
      example: { level: 1, reason: '业主已联系媒体' },
    }),
  }),
  extend: complaintAction({
    path: 'extensions',
    summary: "Extend the resolution due date with a reason; past the preset's limit, supervisors",
    body: ExtensionInput.meta({ id: 'Extension', example: { days: 15, reason: '需第三方鉴定' } }),
    errors: [409],
  }),
  pause: complaintAction({
    path: 'pause',
    summary: 'Stop the clock while waiting on the customer',
    body: PauseBody,
    errors: [409],
  }),
  resume: complaintAction({
    path: 'resume',
    summary: 'Start the clock again; due dates move on by the time waited',
    body: ResumeBody,
    errors: [409],
  }),
  reopen: complaintAction({
    path: 'reopen',
    summary: 'Reopen a resolved or closed complaint (supervisors), back in progress',
    body: ReopenInput.meta({ id: 'Reopen', example: { reason: '业主回访不满意，漏水复发' } }),
    errors: [409],
  }),
};

export function handlingRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  /** Reads the complaint, checks who may act on it, runs the operation and presents the result. */
  const act = async (
    c: Context<AppEnv>,
    permission: 'work' | 'assign',
    run: (row: ComplaintRow) => Promise<ComplaintRow>,
  ) => {
    assertPermission(c, permission);
    const row = await getComplaint(ctx, { ref: c.req.param('ref') ?? '' });
    assertMayWork(c, row);
    const updated = await run(row);
    c.get('log').info({ ref: updated.ref, status: updated.status, path: c.req.path }, 'handled');
    return c.json(presentComplaint(updated, viewerFor(c.get('actor'), updated)), 200);
  };

  app.openapi(routes.status, (c) =>
    act(c, 'work', (row) => {
      const { to, note } = c.req.valid('json');
      if (to === 'resolved') {
        throw new AppError('validation_failed', 'resolve through /resolve', {
          issues: [{ path: 'to', message: 'resolve with POST /api/complaints/{ref}/resolve' }],
        });
      }
      if (to === 'pending') {
        throw new AppError('invalid_transition', `${row.ref}: nothing moves back to pending`, {
          publicMessage: `A ${row.status} complaint cannot move to pending`,
        });
      }
      const origin = originOf(c);
      return changeStatus(ctx, { ref: row.ref, to, origin, ...(note ? { note } : {}) });
    }),
  );

  app.openapi(routes.assign, (c) =>
    act(c, 'assign', (row) => {
      const { assignee, reason } = c.req.valid('json');
      const origin = originOf(c);
      return assignComplaint(ctx, {
        ref: row.ref,
        assignee,
        origin,
        ...(reason ? { reason } : {}),
      });
    }),
  );

  app.openapi(routes.progress, (c) =>
    act(c, 'work', (row) =>
      addProgress(ctx, { ref: row.ref, input: c.req.valid('json'), origin: originOf(c) }),
    ),
  );

  app.openapi(routes.resolve, (c) =>
    act(c, 'work', (row) =>
      resolveComplaint(ctx, { ref: row.ref, input: c.req.valid('json'), origin: originOf(c) }),
    ),
  );

  app.openapi(routes.level, (c) =>
    act(c, 'assign', (row) =>
      overrideLevel(ctx, { ref: row.ref, input: c.req.valid('json'), origin: originOf(c) }),
    ),
  );

  app.openapi(routes.extend, (c) =>
    act(c, 'work', (row) =>
      extendDueDate(ctx, {
        ref: row.ref,
        input: c.req.valid('json'),
        origin: originOf(c),
        mayApprove: can(c.get('actor'), 'assign'),
      }),
    ),
  );

  app.openapi(routes.pause, (c) =>
    act(c, 'work', (row) =>
      pauseClock(ctx, { ref: row.ref, reason: c.req.valid('json').reason, origin: originOf(c) }),
    ),
  );

  app.openapi(routes.resume, (c) =>
    act(c, 'work', (row) => {
      const { note } = c.req.valid('json');
      return resumeClock(ctx, { ref: row.ref, origin: originOf(c), ...(note ? { note } : {}) });
    }),
  );

  app.openapi(routes.reopen, (c) =>
    act(c, 'assign', (row) =>
      reopenComplaint(ctx, {
        ref: row.ref,
        reason: c.req.valid('json').reason,
        origin: originOf(c),
      }),
    ),
  );

  return app;
}
