/**
 * What the handling routes share: the path parameter, the complaint view, a POST action's route
 * description, and the check that an agent's console session works only on its own complaints.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { isAssignedTo } from '../../accounts/clearance.ts';
import { Complaint } from '../../complaint/schema.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../env.ts';
import { errorResponses } from '../schemas.ts';

export const ComplaintView = Complaint.meta({ id: 'Complaint' });

export const RefParam = z.object({
  ref: z
    .string()
    .min(1)
    .max(20)
    .meta({ param: { name: 'ref', in: 'path' }, example: 'Q001' }),
});

/** A POST on one complaint that answers the complaint as it is afterwards. */
export function complaintAction<Body extends z.ZodType>(options: {
  path: string;
  summary: string;
  body: Body;
  /** Statuses beyond the ones every action may answer (401, 403, 404, 415, 422). */
  errors?: number[];
}) {
  return createRoute({
    method: 'post',
    path: `/complaints/{ref}/${options.path}`,
    tags: ['handling'],
    summary: options.summary,
    request: {
      params: RefParam,
      body: { required: true, content: { 'application/json': { schema: options.body } } },
    },
    responses: {
      200: {
        description: 'The complaint after the change',
        content: { 'application/json': { schema: ComplaintView } },
      },
      ...errorResponses(400, 401, 403, 404, 415, 422, ...(options.errors ?? [])),
    },
  });
}

/**
 * An agent signed in to the console works only on complaints assigned to them, as on the
 * complaint page. API tokens are integrations, not people, and are held to their role alone.
 */
export function assertMayWork(
  c: Context<AppEnv>,
  complaint: { ref: string; assignee: string | null },
) {
  const actor = c.get('actor');
  if (actor.role === 'agent' && actor.via === 'session' && !isAssignedTo(actor, complaint)) {
    throw new AppError('forbidden', `${actor.id} works on ${complaint.ref} unassigned`, {
      publicMessage: 'Only the assigned agent or a supervisor may act on this complaint',
    });
  }
}
