import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/intake/channel.ts';
import { channelFactories } from '../../src/intake/registry.ts';
import { silentLogger } from '../../src/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createWebhookTestApp, type WebhookTestApp } from '../support/webhooks.ts';

describe('webhook channels in the API document', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await createWebhookTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('should publish both webhook payloads with examples and the inbox route', async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json();

    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/webhooks/hotline', '/webhooks/forum', '/api/inbox']),
    );
    const hotline = doc.paths['/webhooks/hotline'].post;
    expect(hotline.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/HotlineCall',
    );
    expect(hotline.parameters.map((p: { name: string }) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(Object.keys(hotline.responses)).toEqual(
      expect.arrayContaining(['200', '201', '202', '401', '413', '415', '422']),
    );
    const schemas = doc.components.schemas;
    expect(schemas.HotlineCall.example.callId).toBe('C20261004-0042');
    expect(schemas.ForumPost.example.url).toMatch(/^https:/);
    expect(schemas.ForumBatch.properties.posts.maxItems).toBe(100);
    expect(doc.paths['/api/inbox'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'status',
    );
  });
});

describe('webhook channel settings', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  const create = (env: Record<string, string>) =>
    createChannels(channelFactories, { ledger: database.ledger, logger: silentLogger(), env });

  it('should switch a channel off with a reason when its secret is unset', () => {
    const channels = create({});
    expect(channels.map((c) => [c.name, c.status.on ? 'on' : c.status.reason])).toEqual(
      expect.arrayContaining([
        ['hotline', 'HOTLINE_WEBHOOK_SECRET is not set'],
        ['forum', 'FORUM_WEBHOOK_SECRET is not set'],
      ]),
    );
  });

  it.each([
    ['a secret that is not base64', { HOTLINE_WEBHOOK_SECRET: 'whsec_%%%' }],
    ['an IVR table entry without a category', { ...secret(), HOTLINE_IVR_CATEGORIES: '1=' }],
    ['an IVR path with letters', { ...secret(), HOTLINE_IVR_CATEGORIES: 'a=物业服务' }],
    ['a repeat window that is not days', { ...secret(), REPEAT_WINDOW_DAYS: 'a month' }],
  ])('should refuse to start with %s', (_name, env) => {
    expect(() => create(env)).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});

function secret() {
  return { HOTLINE_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
}
