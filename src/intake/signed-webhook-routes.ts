/**
 * Serves a Standard Webhooks endpoint at the channel's root and describes it in the OpenAPI
 * document. The route is documented, not validated, by zod-openapi: the body must stay raw bytes
 * until the signature over them is checked, so the handler parses it itself.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { errorResponses } from '../http/schemas.ts';
import type { SignedWebhook } from './signed-webhook.ts';

const SignatureHeaders = z.object({
  'webhook-id': z.string().meta({ description: 'Unique per event; a redelivery repeats it' }),
  'webhook-timestamp': z
    .string()
    .meta({ description: 'Unix seconds; refused when more than 5 minutes off' }),
  'webhook-signature': z.string().meta({
    description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body">, space-separated when several',
  }),
});

export function signedWebhookRoutes(options: {
  summary: string;
  description: string;
  body: ZodType;
  reply: ZodType;
  webhook: SignedWebhook;
}) {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/',
    tags: ['webhooks'],
    summary: options.summary,
    description: options.description,
    request: {
      headers: SignatureHeaders,
      body: { required: true, content: { 'application/json': { schema: options.body } } },
    },
    responses: {
      201: {
        description: 'Verified, committed and in the ledger',
        content: { 'application/json': { schema: options.reply } },
      },
      200: {
        description: 'A redelivery: the same answer as the first time',
        content: { 'application/json': { schema: options.reply } },
      },
      202: {
        description: 'Committed, but normalization failed: kept as a dead letter for replay',
      },
      ...errorResponses(401, 413, 415, 422),
    },
  });
  app.post('/', (c) => options.webhook.receive(c));
  return app;
}
