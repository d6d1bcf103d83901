/** The intake inbox as staff see it: raw events by status, dead letters with their errors. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inboxStatuses, listEvents } from '../../intake/inbox.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { requirePermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { errorResponses } from '../schemas.ts';

const InboxFilter = z.object({
  status: z.enum(inboxStatuses).optional().meta({ example: 'failed' }),
  channel: z.string().max(50).optional().meta({ example: 'hotline' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  afterId: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'The last id of the previous page' }),
});

// The raw body holds personal data and stays out of this view.
const InboxEventView = z
  .object({
    id: z.number().int(),
    channel: z.string(),
    deliveryKey: z.string(),
    receivedAt: z.iso.datetime(),
    status: z.enum(inboxStatuses),
    attempts: z.number().int(),
    error: z.string().nullable().meta({ description: 'Why normalization failed; no payload data' }),
    complaintRef: z.string().nullable(),
    processedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'InboxEvent' });

const listRoute = createRoute({
  method: 'get',
  path: '/inbox',
  tags: ['intake'],
  summary: 'List raw intake events; status=failed lists the dead letters to replay',
  request: { query: InboxFilter },
  responses: {
    200: {
      description: 'One page of events, oldest first',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(InboxEventView), nextAfterId: z.number().nullable() }),
        },
      },
    },
    ...errorResponses(422),
  },
});

export function inboxRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Dead letters tell what integrations send and how they fail: supervisors only.
  app.use('/inbox', requirePermission('inbox'));
  app.openapi(listRoute, async (c) => {
    const filter = c.req.valid('query');
    const events = await listEvents(ctx, filter);
    const items = events.map((event) => ({
      id: event.id,
      channel: event.channel,
      deliveryKey: event.deliveryKey,
      receivedAt: event.receivedAt.toISOString(),
      status: event.status as (typeof inboxStatuses)[number],
      attempts: event.attempts,
      error: event.error,
      complaintRef: event.complaintRef,
      processedAt: event.processedAt?.toISOString() ?? null,
    }));
    const last = items.at(-1);
    return c.json(
      { items, nextAfterId: items.length === filter.limit && last ? last.id : null },
      200,
    );
  });
  return app;
}
