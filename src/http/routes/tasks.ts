/**
 * Staff tasks (callbacks, unanswered follow-ups, verdicts to review) and the assignment rules
 * (category and source to a team, round robin among its members) over REST.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Source } from '../../complaint/schema.ts';
import { completeTask } from '../../ledger/complete-task.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { listTasks } from '../../ledger/list-tasks.ts';
import { AssignmentRulesInput, setAssignmentRules } from '../../ledger/set-assignment-rules.ts';
import { taskKinds } from '../../ledger/staff-tasks.ts';
import { requirePermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { originOf } from '../origin.ts';
import { errorResponses } from '../schemas.ts';
import { presentTask, TaskView } from './records.ts';

const TaskFilter = z.object({
  open: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: open tasks only; false: done ones only' }),
  assignee: z.string().max(100).optional(),
  kind: z.enum(taskKinds).optional(),
});
const TaskParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .meta({ param: { name: 'id', in: 'path' }, example: 1 }),
});
const CompleteBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .strict()
  .meta({ example: { note: '已电话回访，业主表示满意' } });

const RuleView = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    category: z.string().nullable(),
    source: Source.nullable(),
    team: z.string(),
  })
  .meta({ id: 'AssignmentRule' });
const Rules = z.object({ rules: z.array(RuleView) });

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/tasks',
  tags: ['handling'],
  summary: 'Staff tasks, oldest first',
  request: { query: TaskFilter },
  responses: {
    200: json(z.object({ items: z.array(TaskView) }), 'The tasks'),
    ...errorResponses(401, 403, 422),
  },
});
const completeRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/complete',
  tags: ['handling'],
  summary: 'Mark a task done, with what came of it',
  request: {
    params: TaskParam,
    body: { required: true, content: { 'application/json': { schema: CompleteBody } } },
  },
  responses: {
    200: json(TaskView, 'The task, done'),
    ...errorResponses(401, 403, 404, 409, 415, 422),
  },
});
const getRulesRoute = createRoute({
  method: 'get',
  path: '/assignment-rules',
  tags: ['handling'],
  summary: 'The assignment rules, in the order they are tried',
  responses: { 200: json(Rules, 'The rules'), ...errorResponses(401, 403) },
});
const putRulesRoute = createRoute({
  method: 'put',
  path: '/assignment-rules',
  tags: ['handling'],
  summary: 'Replace the assignment rules (supervisors); the first match names the team',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: AssignmentRulesInput.meta({
            id: 'AssignmentRulesInput',
            example: { rules: [{ category: '工程质量', team: 'repairs' }, { team: 'service' }] },
          }),
        },
      },
    },
  },
  responses: { 200: json(Rules, 'The rules now'), ...errorResponses(401, 403, 415, 422) },
});

type RuleRow = { id: number; position: number; category: string | null; source: string | null };
const presentRules = (rows: (RuleRow & { team: string })[]) => ({
  rules: rows.map(({ id, position, category, source, team }) => ({
    id,
    position,
    category,
    source: source as z.infer<typeof Source> | null,
    team,
  })),
});

export function taskRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.on('GET', ['/tasks', '/assignment-rules'], requirePermission('read'));
  app.on('POST', '/tasks/*', requirePermission('work'));
  app.on('PUT', '/assignment-rules', requirePermission('assign'));

  app.openapi(listRoute, async (c) => {
    const { open, assignee, kind } = c.req.valid('query');
    const rows = await listTasks(ctx, {
      ...(open ? { open: open === 'true' } : {}),
      ...(assignee ? { assignee } : {}),
      ...(kind ? { kind } : {}),
    });
    return c.json({ items: rows.map(presentTask) }, 200);
  });

  app.openapi(completeRoute, async (c) => {
    const { note } = c.req.valid('json');
    const { id } = c.req.valid('param');
    const task = await completeTask(ctx, { id, origin: originOf(c), ...(note ? { note } : {}) });
    const complaint = await ctx.db.prisma.complaint.findUniqueOrThrow({
      where: { id: task.complaintId },
      select: { ref: true },
    });
    return c.json(presentTask({ ...task, ref: complaint.ref }), 200);
  });

  app.openapi(getRulesRoute, async (c) => {
    const rows = await ctx.db.prisma.assignmentRule.findMany({
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
    return c.json(presentRules(rows), 200);
  });

  app.openapi(putRulesRoute, async (c) => {
    const rows = await setAssignmentRules(ctx, { input: c.req.valid('json'), origin: originOf(c) });
    return c.json(presentRules(rows), 200);
  });

  return app;
}
