/** POST /webhooks/hotline: one signed call record from the call centre's IVR platform. */
import { z } from 'zod';
import { signedWebhook } from '../../src/intake/signed-webhook.ts';
import { signedWebhookRoutes } from '../../src/intake/signed-webhook-routes.ts';
import type { LedgerContext } from '../../src/ledger/context.ts';
import { registerOrRepeat } from '../../src/ledger/register-or-repeat.ts';
import type { Logger } from '../../src/logger.ts';
import type { HotlineConfig } from './config.ts';
import { normalizeCall } from './normalize.ts';
import { HotlineCall } from './parse.ts';

export const HotlineReply = z
  .object({
    callId: z.string(),
    ref: z.string().meta({ description: 'The complaint the call became or was added to' }),
    outcome: z.enum(['created', 'repeat', 'duplicate']),
  })
  .meta({
    id: 'HotlineReply',
    example: { callId: 'C20261004-0042', ref: '042', outcome: 'created' },
  });

export function hotlineWebhook(config: HotlineConfig, ledger: LedgerContext, logger: Logger) {
  return signedWebhook({
    channel: 'hotline',
    secrets: config.secrets,
    ledger,
    logger,
    parse: (json) => HotlineCall.safeParse(json),
    async handle(call) {
      const { row, outcome } = await registerOrRepeat(ledger, {
        input: normalizeCall(call, config.ivrCategories),
        repeatWindowDays: config.repeatWindowDays,
      });
      return { reply: { callId: call.callId, ref: row.ref, outcome }, complaintRef: row.ref };
    },
  });
}

export function hotlineRoutes(webhook: ReturnType<typeof hotlineWebhook>) {
  return signedWebhookRoutes({
    summary: 'Receive one call record from the IVR platform (Standard Webhooks signed)',
    description:
      'The caller becomes the contact, the agent summary (else the transcript) the content, the ' +
      'IVR key path the category (HOTLINE_IVR_CATEGORIES) and the recording an attachment. A ' +
      'second call from the same number about an open complaint is added to it.',
    body: HotlineCall,
    reply: HotlineReply,
    webhook,
  });
}
