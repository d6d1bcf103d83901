import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callRecord,
  createWebhookTestApp,
  hotlineSecret,
  signedInit,
  type WebhookTestApp,
} from '../support/webhooks.ts';

describe('signed webhook refusals', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await createWebhookTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function send(init: RequestInit) {
    const response = await t.app.request('/webhooks/hotline', init);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  function headersOf(init: RequestInit): Record<string, string> {
    return init.headers as Record<string, string>;
  }

  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    [
      'an unsigned request',
      (init: RequestInit) => {
        const { 'webhook-signature': _, ...rest } = headersOf(init);
        return { ...init, headers: rest };
      },
      401,
      'signature_missing',
    ],
    [
      'a request without webhook-id',
      (init: RequestInit) => {
        const { 'webhook-id': _, ...rest } = headersOf(init);
        return { ...init, headers: rest };
      },
      401,
      'signature_missing',
    ],
    [
      'a stale timestamp',
      () => signedInit({ body: callRecord(), timestamp: now() - 301 }),
      401,
      'timestamp_stale',
    ],
    [
      'a timestamp from the future',
      () => signedInit({ body: callRecord(), timestamp: now() + 400 }),
      401,
      'timestamp_stale',
    ],
    [
      'a tampered body',
      (init: RequestInit) => ({
        ...init,
        body: String(init.body).replace('13812345678', '13900000000'),
      }),
      401,
      'signature_invalid',
    ],
    [
      'a signature with another secret',
      () =>
        signedInit({
          body: callRecord(),
          secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
        }),
      401,
      'signature_invalid',
    ],
    [
      'a wrong content type',
      () => signedInit({ body: callRecord(), contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
    ],
    ['malformed JSON', () => signedInit({ body: '{"callId": ' }), 422, 'malformed_payload'],
  ])('should refuse %s with its code and store nothing', async (_name, build, status, code) => {
    const res = await send(build(signedInit({ body: callRecord(), secret: hotlineSecret })));

    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
    expect(await t.database.db.prisma.complaint.count()).toBe(0);
  });

  it('should refuse a schema violation with 422 and every path', async () => {
    const res = await send(
      signedInit({ body: callRecord({ caller: '', startedAt: 'yesterday', ivrKeys: ['12'] }) }),
    );

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'caller',
      'ivrKeys.0',
      'startedAt',
    ]);
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
  });

  it('should refuse a record with neither summary nor transcript', async () => {
    const res = await send(signedInit({ body: callRecord({ captured: {}, transcript: ' ' }) }));

    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'captured.summary',
    ]);
  });

  it('should refuse a body over 1 MiB with 413 and store nothing', async () => {
    const res = await send(signedInit({ body: callRecord({ transcript: 'x'.repeat(1_100_000) }) }));

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await t.database.db.prisma.inboxEvent.count()).toBe(0);
  });
});
