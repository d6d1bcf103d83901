import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, createTestApp, sendJson, signIn, type TestApp } from '../support/app.ts';

const referral = {
  source: 'referral',
  complainant: { name: '姚女士', phone: '13812345678' },
  content: '交房已两年房产证仍未办下来',
  category: '客户服务',
};

describe('API authentication and roles', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('should refuse an unauthenticated /api call with 401 unauthorized', async () => {
    const res = await sendJson(t.app, 'GET', '/api/complaints', undefined, { as: 'anonymous' });

    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('should refuse an unknown or revoked token with 401', async () => {
    const unknown = await sendJson(t.app, 'GET', '/api/complaints', undefined, {
      as: { token: 'tzk_not-a-real-token' },
    });
    expect(unknown.status).toBe(401);

    await t.database.db.prisma.apiToken.update({
      where: { name: 'test-viewer' },
      data: { revokedAt: new Date() },
    });
    const revoked = await sendJson(t.app, 'GET', '/api/complaints', undefined, { as: 'viewer' });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthorized');
  });

  it('should store only a digest of each token', async () => {
    const stored = await t.database.db.prisma.apiToken.findMany();

    expect(stored).toHaveLength(3);
    for (const row of stored) {
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.values(t.tokens)).not.toContain(row.tokenHash);
    }
  });

  it.each([
    ['supervisor', 201],
    ['agent', 201],
    ['viewer', 403],
  ] as const)('should let a %s token register a complaint: %i', async (role, status) => {
    const res = await sendJson(t.app, 'POST', '/api/complaints', referral, { as: role });

    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.error.code).toBe('forbidden');
  });

  it('should let every role read, with the phone masked', async () => {
    await sendJson(t.app, 'POST', '/api/complaints', referral);

    for (const role of ['supervisor', 'agent', 'viewer'] as const) {
      const list = await sendJson(t.app, 'GET', '/api/complaints', undefined, { as: role });
      expect(list.status).toBe(200);
      expect(list.body.items[0].complainant.phone).toBe('138****5678');
    }
  });

  it('should keep /healthz, the OpenAPI document and the docs page open', async () => {
    for (const path of ['/healthz', '/api/openapi.json', '/api/docs']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
    }
  });

  it('should accept a console session cookie on /api', async () => {
    await addStaff(t, { username: 'li.na', role: 'viewer' });
    const session = await signIn(t, 'li.na');

    const res = await sendJson(t.app, 'GET', '/api/complaints', undefined, {
      as: { cookie: session.cookie },
    });
    expect(res.status).toBe(200);
  });
});

describe('revealing a phone number through the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await sendJson(t.app, 'POST', '/api/complaints', referral);
    await addStaff(t, { username: 'wang', role: 'agent' });
    await addStaff(t, { username: 'zhao', role: 'agent' });
    await t.database.db.prisma.complaint.update({
      where: { ref: 'Q001' },
      data: { assignee: 'wang' },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('should reveal the phone to a supervisor and record who saw it', async () => {
    const res = await sendJson(t.app, 'GET', '/api/complaints/Q001/contact');

    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('13812345678');
    const reveals = await t.database.db.prisma.contactReveal.findMany();
    expect(reveals).toMatchObject([
      { complaintRef: 'Q001', actorId: 'token:test-supervisor', via: 'token', purpose: 'api' },
    ]);
  });

  it('should reveal the phone to the assigned agent', async () => {
    const session = await signIn(t, 'wang');

    const res = await sendJson(t.app, 'GET', '/api/complaints/Q001/contact', undefined, {
      as: { cookie: session.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('13812345678');
  });

  it('should refuse an agent the phone of a complaint not assigned to them', async () => {
    const session = await signIn(t, 'zhao');

    const bySession = await sendJson(t.app, 'GET', '/api/complaints/Q001/contact', undefined, {
      as: { cookie: session.cookie },
    });
    const byToken = await sendJson(t.app, 'GET', '/api/complaints/Q001/contact', undefined, {
      as: 'agent',
    });
    const read = await sendJson(t.app, 'GET', '/api/complaints/Q001', undefined, {
      as: { cookie: session.cookie },
    });

    expect(bySession.status).toBe(403);
    expect(bySession.body.error.code).toBe('forbidden');
    expect(byToken.status).toBe(403);
    expect(read.body.complainant.phone).toBe('138****5678');
    expect(JSON.stringify(read.body)).not.toContain('13812345678');
    expect(await t.database.db.prisma.contactReveal.count()).toBe(0);
  });

  it('should refuse a viewer', async () => {
    const res = await sendJson(t.app, 'GET', '/api/complaints/Q001/contact', undefined, {
      as: 'viewer',
    });
    expect(res.status).toBe(403);
  });
});
