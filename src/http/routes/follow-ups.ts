/**
 * The follow-up visit and collective groups over REST: ask the complainant again, record the
 * verdict staff took down (a callback, a visit), and link a complaint to another's group.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { viewerFor } from '../../accounts/clearance.ts';
import { AppError } from '../../errors.ts';
import { askFollowUp } from '../../ledger/ask-follow-up.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { getComplaint } from '../../ledger/get-complaint.ts';
import { joinGroup } from '../../ledger/join-group.ts';
import { type ComplaintRow, presentComplaint } from '../../ledger/present.ts';
import { FeedbackInput, recordFeedback } from '../../ledger/record-feedback.ts';
import { assertPermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { originOf } from '../origin.ts';
import { assertMayWork, complaintAction } from './route-kit.ts';

const GroupBody = z
  .object({
    groupRef: z.string().trim().min(1).max(20).meta({
      description: 'Any complaint of the group (its first one or a member)',
    }),
  })
  .strict()
  .meta({ id: 'GroupLink', example: { groupRef: 'W001' } });

const askRoute = complaintAction({
  path: 'follow-up',
  summary: 'Ask the verdict again: a chat message in its channel, else a callback task',
  body: z.object({}).strict(),
  errors: [409],
});
const feedbackRoute = complaintAction({
  path: 'feedback',
  summary: 'Record the verdict (1-5); 3 or more closes, 1-2 makes a task for a supervisor',
  body: FeedbackInput.meta({
    id: 'Feedback',
    example: { satisfaction: 4, comment: '维修及时', note: '电话回访，业主满意' },
  }),
  errors: [409],
});
const groupRoute = complaintAction({
  path: 'group',
  summary: "Link to another complaint's collective group; levels follow the new count",
  body: GroupBody,
  errors: [409],
});

export function followUpRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  const act = async (c: Context<AppEnv>, run: (row: ComplaintRow) => Promise<ComplaintRow>) => {
    assertPermission(c, 'work');
    const row = await getComplaint(ctx, { ref: c.req.param('ref') ?? '' });
    assertMayWork(c, row);
    const updated = await run(row);
    return c.json(presentComplaint(updated, viewerFor(c.get('actor'), updated)), 200);
  };

  app.openapi(askRoute, (c) =>
    act(c, async (row) => {
      if (row.status !== 'resolved' || row.followedUpAt) {
        throw new AppError('invalid_transition', `${row.ref} awaits no follow-up`, {
          publicMessage: 'Only a resolved complaint awaiting its verdict can be asked',
        });
      }
      return askFollowUp(ctx, { ref: row.ref, origin: originOf(c) });
    }),
  );

  app.openapi(feedbackRoute, (c) =>
    act(c, (row) =>
      recordFeedback(ctx, { ref: row.ref, input: c.req.valid('json'), origin: originOf(c) }),
    ),
  );

  app.openapi(groupRoute, (c) =>
    act(c, (row) =>
      joinGroup(ctx, { ref: row.ref, groupRef: c.req.valid('json').groupRef, origin: originOf(c) }),
    ),
  );

  return app;
}
