/** The ledger's REST routes: register, list and read complaints. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { viewerFor } from '../../accounts/clearance.ts';
import { ComplaintInput } from '../../complaint/schema.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { getComplaint } from '../../ledger/get-complaint.ts';
import { listComplaintMessages } from '../../ledger/list-complaint-messages.ts';
import { ListFilter, listComplaints } from '../../ledger/list-complaints.ts';
import { presentComplaint } from '../../ledger/present.ts';
import { registerComplaint } from '../../ledger/register-complaint.ts';
import { revealContact } from '../../ledger/reveal-contact.ts';
import { requirePermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { errorResponses } from '../schemas.ts';
import { ComplaintView, RefParam } from './route-kit.ts';

const RegisterBody = ComplaintInput.meta({
  id: 'ComplaintInput',
  example: {
    source: 'referral',
    complainant: { name: '姚女士', phone: '13812345678' },
    content: '交房已两年房产证仍未办下来，要求给出办证时间',
    category: '客户服务',
    location: { project: '郑州·森林湖', building: '3', unit: '2', room: '503' },
  },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/complaints',
  tags: ['ledger'],
  summary: 'Register a complaint (staff entry, referrals)',
  request: { body: { required: true, content: { 'application/json': { schema: RegisterBody } } } },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: ComplaintView } } },
    200: {
      description: 'Already in the ledger (same dedupeKey or ref); the stored complaint',
      content: { 'application/json': { schema: ComplaintView } },
    },
    ...errorResponses(400, 401, 403, 415, 422),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/complaints',
  tags: ['ledger'],
  summary: 'List the ledger with filters, search, sort and cursor pagination',
  request: { query: ListFilter },
  responses: {
    200: {
      description: 'One page of complaints',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ComplaintView), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(401, 403, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/complaints/{ref}',
  tags: ['ledger'],
  summary: 'Read one complaint with its progress and attachments',
  request: { params: RefParam },
  responses: {
    200: {
      description: 'The complaint',
      content: { 'application/json': { schema: ComplaintView } },
    },
    ...errorResponses(401, 403, 404),
  },
});

const contactRoute = createRoute({
  method: 'get',
  path: '/complaints/{ref}/contact',
  tags: ['ledger'],
  summary: "Reveal the complainant's phone number in full (recorded; supervisors, assigned agent)",
  request: { params: RefParam },
  responses: {
    200: {
      description: 'The complainant with the phone number unmasked',
      content: {
        'application/json': {
          schema: z.object({
            ref: z.string(),
            name: z.string().nullable(),
            phone: z.string().nullable(),
          }),
        },
      },
    },
    ...errorResponses(401, 403, 404),
  },
});

const ComplaintMessages = z
  .object({
    ref: z.string(),
    items: z.array(
      z.object({
        direction: z.enum(['in', 'out']).meta({ description: 'in: from the customer' }),
        channel: z.string(),
        userId: z.string(),
        kind: z.string().meta({ example: 'text' }),
        text: z.string().nullable().meta({ description: 'Phone numbers in it are masked' }),
        at: z.iso.datetime({ offset: true }),
      }),
    ),
  })
  .meta({ id: 'ComplaintMessages' });

const messagesRoute = createRoute({
  method: 'get',
  path: '/complaints/{ref}/messages',
  tags: ['ledger'],
  summary: 'The chat conversation that brought a complaint in, oldest message first',
  request: { params: RefParam },
  responses: {
    200: {
      description: 'The messages exchanged (empty for complaints that did not come by chat)',
      content: { 'application/json': { schema: ComplaintMessages } },
    },
    ...errorResponses(401, 403, 404),
  },
});

export function complaintRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.on('POST', '/complaints', requirePermission('register'));
  app.on('GET', ['/complaints', '/complaints/*'], requirePermission('read'));

  app.openapi(registerRoute, async (c) => {
    const result = await registerComplaint(ctx, { input: c.req.valid('json') });
    c.get('log').info(
      { ref: result.row.ref, created: result.created, unknownCategory: result.unknownCategory },
      'complaint registered',
    );
    const viewer = viewerFor(c.get('actor'), result.row);
    return c.json(presentComplaint(result.row, viewer), result.created ? 201 : 200);
  });

  app.openapi(listRoute, async (c) => {
    const result = await listComplaints(ctx, { filter: c.req.valid('query') });
    const actor = c.get('actor');
    const items = result.rows.map((row) => presentComplaint(row, viewerFor(actor, row)));
    return c.json({ items, nextCursor: result.nextCursor }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const row = await getComplaint(ctx, { ref: c.req.valid('param').ref });
    // Masked for everyone here: the full number is read through /contact, which is recorded.
    return c.json(presentComplaint(row, viewerFor(c.get('actor'), row)), 200);
  });

  app.openapi(messagesRoute, async (c) => {
    const { ref } = c.req.valid('param');
    return c.json(await listComplaintMessages(ctx, { ref }), 200);
  });

  app.openapi(contactRoute, async (c) => {
    const { ref } = c.req.valid('param');
    const { row } = await revealContact(ctx, { ref, actor: c.get('actor'), purpose: 'api' });
    return c.json({ ref: row.ref, name: row.complainantName, phone: row.complainantPhone }, 200);
  });

  return app;
}
