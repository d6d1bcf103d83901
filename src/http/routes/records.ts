/**
 * What a complaint's handling left behind, over REST: its assignment history (with extensions
 * and staff tasks) and its audit trail entries, each with the hash that chains it to the last.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { LedgerContext } from '../../ledger/context.ts';
import { getHistory } from '../../ledger/get-history.ts';
import { requirePermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { errorResponses } from '../schemas.ts';
import { RefParam } from './route-kit.ts';

const at = z.iso.datetime();
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const TaskView = z
  .object({
    id: z.number().int(),
    ref: z.string(),
    kind: z.string().meta({ example: 'callback' }),
    assignee: z.string().nullable(),
    createdAt: at,
    doneAt: at.nullable(),
    doneBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'StaffTask' });

const Assignments = z
  .object({
    ref: z.string(),
    assignments: z.array(
      z.object({
        at,
        assignee: z.string(),
        previous: z.string().nullable(),
        by: z.string(),
        rule: z.string().nullable().meta({ description: 'The rule of an automatic assignment' }),
        reason: z.string().nullable(),
      }),
    ),
    extensions: z.array(
      z.object({
        at,
        by: z.string(),
        days: z.number().int(),
        reason: z.string(),
        approvedBy: z.string().nullable(),
      }),
    ),
    tasks: z.array(TaskView),
  })
  .meta({ id: 'AssignmentHistory' });

const AuditTrail = z
  .object({
    ref: z.string(),
    entries: z.array(
      z.object({
        seq: z.number().int(),
        at,
        actor: z.string(),
        via: z.string().meta({ example: 'session' }),
        requestId: z.string().nullable(),
        ip: z.string().nullable(),
        action: z.string().meta({ example: 'resolve' }),
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()).nullable(),
        prevHash: z.string(),
        hash: z.string(),
      }),
    ),
  })
  .meta({ id: 'AuditTrail' });

const historyRoute = (path: string, summary: string, schema: z.ZodType) =>
  createRoute({
    method: 'get',
    path: `/complaints/{ref}/${path}`,
    tags: ['handling'],
    summary,
    request: { params: RefParam },
    responses: {
      200: { description: summary, content: { 'application/json': { schema } } },
      ...errorResponses(401, 403, 404),
    },
  });

const assignmentsRoute = historyRoute(
  'assignments',
  'Who was made accountable when, oldest first, with extensions and staff tasks',
  Assignments,
);
const auditRoute = historyRoute('audit', "The complaint's audit trail, oldest first", AuditTrail);

const json = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : null);

export function recordRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.on(
    'GET',
    ['/complaints/:ref/assignments', '/complaints/:ref/audit'],
    requirePermission('read'),
  );

  app.openapi(assignmentsRoute, async (c) => {
    const history = await getHistory(ctx, { ref: c.req.valid('param').ref });
    const { row } = history;
    return c.json(
      {
        ref: row.ref,
        assignments: history.assignments.map((event) => ({
          at: event.at.toISOString(),
          assignee: event.assignee,
          previous: event.previous,
          by: event.by,
          rule: event.rule,
          reason: event.reason,
        })),
        extensions: history.extensions.map((extension) => ({
          at: extension.at.toISOString(),
          by: extension.by,
          days: extension.days,
          reason: extension.reason,
          approvedBy: extension.approvedBy,
        })),
        tasks: history.tasks.map((task) => presentTask({ ...task, ref: row.ref })),
      },
      200,
    );
  });

  app.openapi(auditRoute, async (c) => {
    const { row, audit } = await getHistory(ctx, { ref: c.req.valid('param').ref });
    const entries = audit.map((entry) => ({
      seq: entry.seq,
      at: entry.at.toISOString(),
      actor: entry.actorId,
      via: entry.actorVia,
      requestId: entry.requestId,
      ip: entry.ip,
      action: entry.action,
      before: json(entry.before),
      after: json(entry.after),
      prevHash: entry.prevHash,
      hash: entry.hash,
    }));
    return c.json({ ref: row.ref, entries }, 200);
  });

  return app;
}

export function presentTask(task: {
  id: number;
  ref: string;
  kind: string;
  assignee: string | null;
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  note: string | null;
}): z.infer<typeof TaskView> {
  return {
    id: task.id,
    ref: task.ref,
    kind: task.kind,
    assignee: task.assignee,
    createdAt: task.createdAt.toISOString(),
    doneAt: iso(task.doneAt),
    doneBy: task.doneBy,
    note: task.note,
  };
}
