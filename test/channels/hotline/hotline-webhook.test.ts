import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  callRecord,
  createWebhookTestApp,
  postSigned,
  signedInit,
  type WebhookTestApp,
} from '../../support/webhooks.ts';

describe('hotline webhook', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await createWebhookTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const prisma = () => t.database.db.prisma;

  it('should turn a signed call record into a hotline complaint with its fields', async () => {
    const res = await postSigned(t.app, 'hotline', { body: callRecord() });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ callId: 'C20261004-0042', ref: '001', outcome: 'created' });
    const row = await prisma().complaint.findUniqueOrThrow({
      where: { ref: '001' },
      include: { attachments: true },
    });
    expect(row).toMatchObject({
      source: 'hotline',
      sourceRef: 'C20261004-0042',
      dedupeKey: 'hotline:call:C20261004-0042',
      complainantName: '王先生',
      complainantPhone: '13812345678',
      content: '卫生间顶棚漏水已一周，物业维修未到场',
      category: '维修服务',
      project: '郑州·森林湖',
      building: '3',
      room: '503',
      repeatCount: 0,
    });
    expect(row.attachments.map((a) => [a.kind, a.url])).toEqual([
      ['recording', 'https://ivr.example.com/recordings/C20261004-0042.mp3'],
    ]);
    const events = await prisma().inboxEvent.findMany();
    expect(events.map((e) => [e.channel, e.status, e.complaintRef])).toEqual([
      ['hotline', 'processed', '001'],
    ]);
  });

  it.each([
    [
      'the agent category first',
      { ivrKeys: ['3'], captured: { category: '客户服务', summary: 'x' } },
      '客户服务',
    ],
    ['the IVR key path', { ivrKeys: ['3', '9'] }, '工程质量'],
    ['the fallback for an unmapped path', { ivrKeys: ['9'] }, '客户服务'],
  ])('should take %s as the category', async (_name, overrides, category) => {
    await postSigned(t.app, 'hotline', { body: callRecord(overrides) });

    expect((await prisma().complaint.findFirstOrThrow()).category).toBe(category);
  });

  it('should take the transcript as content when the agent wrote no summary', async () => {
    const res = await postSigned(t.app, 'hotline', {
      body: callRecord({ captured: {}, transcript: '  来电反映电梯故障  ' }),
    });

    expect(res.status).toBe(201);
    expect((await prisma().complaint.findFirstOrThrow()).content).toBe('来电反映电梯故障');
  });

  it('should answer a redelivery 200 with the same ref and store nothing new', async () => {
    const init = signedInit({ body: callRecord(), id: 'msg_redelivered' });
    const first = await t.app.request('/webhooks/hotline', init);
    const again = await t.app.request('/webhooks/hotline', init);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await prisma().complaint.count()).toBe(1);
    expect(await prisma().inboxEvent.count()).toBe(1);
  });

  it('should not make a second complaint for the same call under a new webhook-id', async () => {
    const first = await postSigned(t.app, 'hotline', { body: callRecord() });
    const second = await postSigned(t.app, 'hotline', { body: callRecord() });

    expect(second.status).toBe(201);
    expect(second.body).toEqual({ ...first.body, outcome: 'duplicate' });
    expect(await prisma().complaint.count()).toBe(1);
    expect(await prisma().complaint.findFirstOrThrow()).toMatchObject({ repeatCount: 0 });
  });

  it('should make a thousand concurrent redeliveries of one event one complaint', async () => {
    // Four instances over one database: within an instance redeliveries wait for the first,
    // between instances the database's unique keys decide.
    const instances = [t.app, t.instance(), t.instance(), t.instance()];
    const init = signedInit({ body: callRecord(), id: 'msg_storm' });
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        (instances[i % 4] ?? t.app).request('/webhooks/hotline', init),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));

    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(bodies.map((b) => b.ref))).toEqual(new Set(['001']));
    expect(await prisma().complaint.count()).toBe(1);
    expect(await prisma().inboxEvent.count()).toBe(1);
  });

  it('should add a second call from the same number to the open complaint', async () => {
    await postSigned(t.app, 'hotline', { body: callRecord() });
    const again = await postSigned(t.app, 'hotline', {
      body: callRecord({ callId: 'C2', captured: { summary: '再次来电催促维修' } }),
    });
    // The same call delivered twice more, also concurrently, counts once.
    await Promise.all(
      [1, 2].map(() =>
        postSigned(t.app, 'hotline', {
          body: callRecord({ callId: 'C2', captured: { summary: '再次来电催促维修' } }),
        }),
      ),
    );

    expect(again.body).toEqual({ callId: 'C2', ref: '001', outcome: 'repeat' });
    const row = await prisma().complaint.findUniqueOrThrow({
      where: { ref: '001' },
      include: { progress: true },
    });
    expect(row.repeatCount).toBe(1);
    expect(row.progress.map((p) => [p.author, p.text])).toEqual([
      ['hotline', 'Repeat (hotline C2): 再次来电催促维修'],
    ]);
    expect(await prisma().complaint.count()).toBe(1);
  });

  it('should open a new complaint when the earlier one is resolved or outside the window', async () => {
    await postSigned(t.app, 'hotline', { body: callRecord() });
    await prisma().complaint.update({ where: { ref: '001' }, data: { status: 'resolved' } });
    const afterResolved = await postSigned(t.app, 'hotline', {
      body: callRecord({ callId: 'C2' }),
    });
    await prisma().complaint.update({
      where: { ref: '002' },
      data: { receivedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const afterWindow = await postSigned(t.app, 'hotline', { body: callRecord({ callId: 'C3' }) });

    expect([afterResolved.body.ref, afterWindow.body.ref]).toEqual(['002', '003']);
  });
});
