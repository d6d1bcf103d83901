/**
 * Work after the acknowledgement survives on workerd: a channel that answers 202 and registers
 * the complaint afterwards through `ChannelDeps.waitUntil` (test/workers/fixture) is served by
 * the production worker factory under `wrangler dev --local`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialect } from '../support/database.ts';
import { type LocalWorker, startLocalWorker } from '../support/wrangler.ts';

describe.skipIf(testDialect !== 'sqlite')('worker waitUntil on workerd', () => {
  let worker: LocalWorker;

  beforeAll(async () => {
    worker = await startLocalWorker({ entry: 'test/workers/fixture/worker.ts' });
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
  });

  it('should finish the work a channel hands to waitUntil after its response', async () => {
    const response = await fetch(`${worker.url}/webhooks/deferred`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'after-ack-1' }),
    });
    expect(response.status).toBe(202);

    const found = await vi.waitFor(
      async () => {
        const list = await fetch(`${worker.url}/api/complaints?q=after-ack-1`, {
          headers: worker.apiHeaders,
        });
        const body = (await list.json()) as { items: { ref: string; source: string }[] };
        expect(body.items).toHaveLength(1);
        return body.items[0];
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(found?.source).toBe('web');
    expect(worker.child.output()).not.toContain('work after the response failed');
  });
});
