import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import {
  callRecord,
  createWebhookTestApp,
  postSigned,
  signedInit,
  type WebhookTestApp,
  webhookEnv,
} from '../support/webhooks.ts';

function bufferIo(env: Record<string, string>): Io & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    progress: () => {},
    env,
  };
}

describe('dead letters', () => {
  let t: WebhookTestApp;
  // An operator's table without a catch-all: a call through an unmapped menu path cannot be filed.
  const brokenTable = { HOTLINE_IVR_CATEGORIES: '1=物业服务' };
  beforeEach(async () => {
    t = await createWebhookTestApp({ env: brokenTable });
  });
  afterEach(async () => {
    await t.close();
  });

  const unmapped = callRecord({ ivrKeys: ['9', '1'], captured: { summary: '电梯困人' } });

  it('should keep a committed event that fails normalization, with an error free of personal data', async () => {
    const res = await postSigned(t.app, 'hotline', { body: unmapped });

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'failed', error: 'validation_failed' });
    const listed = await t.api('/api/inbox?status=failed');
    const body = await listed.json();
    expect(listed.status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      channel: 'hotline',
      status: 'failed',
      attempts: 1,
      complaintRef: null,
      error: 'validation_failed: no category for IVR path "9-1"',
    });
    expect(JSON.stringify(body)).not.toMatch(/13812345678|王先生|电梯困人/);
    expect(await t.database.db.prisma.complaint.count()).toBe(0);
  });

  it('should retry a dead letter on redelivery and leave it failed while the cause remains', async () => {
    const init = signedInit({ body: unmapped, id: 'msg_dead' });
    await t.app.request('/webhooks/hotline', init);
    const again = await t.app.request('/webhooks/hotline', init);

    expect(again.status).toBe(202);
    const [event] = await t.database.db.prisma.inboxEvent.findMany();
    expect(event).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('should file dead letters with `taizhang inbox replay` once the table is fixed', async () => {
    await postSigned(t.app, 'hotline', { body: unmapped });
    await postSigned(t.app, 'hotline', { body: { ...unmapped, callId: 'C2', caller: '139' } });
    const env = { ...webhookEnv, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' };

    const stillBroken = bufferIo({ ...env, ...brokenTable });
    expect(await main(['inbox', 'replay'], stillBroken)).toBe(1);
    expect(stillBroken.lines.join('\n')).toContain('0 processed, 2 still failed');

    const fixed = bufferIo({ ...env, HOTLINE_IVR_CATEGORIES: '1=物业服务,9=维修服务' });
    expect(await main(['inbox', 'replay'], fixed)).toBe(0);
    expect(fixed.lines.join('\n')).toContain('2 processed, 0 still failed');

    const rows = await t.database.db.prisma.complaint.findMany({ orderBy: { ref: 'asc' } });
    expect(rows.map((r) => [r.ref, r.category])).toEqual([
      ['001', '维修服务'],
      ['002', '维修服务'],
    ]);
    const failed = await t.api('/api/inbox?status=failed');
    expect((await failed.json()).items).toEqual([]);
  });

  it('should refuse an unknown inbox status with 422', async () => {
    const res = await t.api('/api/inbox?status=lost');

    expect(res.status).toBe(422);
    expect((await res.json()).error.issues[0].path).toBe('status');
  });
});
