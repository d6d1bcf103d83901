import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authHeaders, createTestApp, referral, sendJson, type TestApp } from '../support/app.ts';

describe('complaints API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('should register a referral with a Q ref and a masked phone', async () => {
    const res = await sendJson(t.app, 'POST', '/api/complaints', referral);

    expect(res.status).toBe(201);
    expect(res.body.ref).toBe('Q001');
    expect(res.body.source).toBe('referral');
    expect(res.body.status).toBe('pending');
    expect(res.body.complainant.phone).toBe('138****5678');
    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: 'Q001' },
    });
    expect(stored.complainantPhone).toBe('13812345678');
  });

  it('should number each source on its own counter', async () => {
    const refs: string[] = [];
    for (const source of ['referral', 'hotline', 'referral', 'wechat', 'forum', 'hotline']) {
      refs.push(
        (await sendJson(t.app, 'POST', '/api/complaints', { ...referral, source })).body.ref,
      );
    }
    expect(refs).toEqual(['Q001', '001', 'Q002', 'W001', 'L001', '002']);
  });

  it('should read one complaint by ref and answer 404 with a code for an unknown one', async () => {
    await sendJson(t.app, 'POST', '/api/complaints', referral);

    const found = await sendJson(t.app, 'GET', '/api/complaints/q001');
    expect(found.status).toBe(200);
    expect(found.body.content).toBe(referral.content);

    const missing = await sendJson(t.app, 'GET', '/api/complaints/Q999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('complaint_not_found');
  });

  it.each([
    ['an unknown source', { ...referral, source: 'fax' }, 'source'],
    ['empty content', { ...referral, content: '  ' }, 'content'],
    ['an unknown field', { ...referral, colour: 'red' }, '(root)'],
    ['a bad level fact', { ...referral, facts: { peopleInvolved: 0 } }, 'facts.peopleInvolved'],
  ])('should refuse %s with 422 and the path', async (_name, body, path) => {
    const res = await sendJson(t.app, 'POST', '/api/complaints', body);

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await t.database.db.prisma.complaint.count()).toBe(0);
  });

  it('should refuse malformed JSON with 400 and a wrong content type with 415', async () => {
    const malformed = await t.app.request('/api/complaints', {
      method: 'POST',
      headers: { ...authHeaders(t.app), 'content-type': 'application/json' },
      body: '{"source": ',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('malformed_json');

    const wrongType = await t.app.request('/api/complaints', {
      method: 'POST',
      headers: { ...authHeaders(t.app), 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).error.code).toBe('unsupported_media_type');
  });

  it('should filter, search and page through the list', async () => {
    for (let i = 0; i < 5; i++) {
      await sendJson(t.app, 'POST', '/api/complaints', {
        ...referral,
        source: i % 2 ? 'hotline' : 'wechat',
        category: i < 3 ? '物业服务' : '工程质量',
        content: i === 4 ? '墙体开裂，反映多次无人处理' : `第${i}号投诉`,
        receivedAt: `2026-10-0${i + 1}T08:00:00Z`,
      });
    }

    const byCategory = await sendJson(
      t.app,
      'GET',
      `/api/complaints?category=${encodeURIComponent('工程质量')}`,
    );
    expect(byCategory.body.items).toHaveLength(2);

    const search = await sendJson(t.app, 'GET', `/api/complaints?q=${encodeURIComponent('开裂')}`);
    expect(search.body.items.map((c: { ref: string }) => c.ref)).toEqual(['W003']);

    const dated = await sendJson(
      t.app,
      'GET',
      '/api/complaints?from=2026-10-02&to=2026-10-04&sort=receivedAt',
    );
    expect(dated.body.items.map((c: { receivedAt: string }) => c.receivedAt.slice(0, 10))).toEqual([
      '2026-10-02',
      '2026-10-03',
    ]);

    const first = await sendJson(t.app, 'GET', '/api/complaints?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await sendJson(
      t.app,
      'GET',
      `/api/complaints?limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await sendJson(
      t.app,
      'GET',
      `/api/complaints?limit=2&cursor=${second.body.nextCursor}`,
    );
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((c) => c.ref);
    expect(new Set(all).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();

    const bad = await sendJson(t.app, 'GET', '/api/complaints?status=open&limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'limit',
      'status',
    ]);
  });

  it('should publish an OpenAPI document and a docs page', async () => {
    const doc = await sendJson(t.app, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/complaints', '/api/complaints/{ref}']),
    );
    const page = await t.app.request('/api/docs');
    expect(await page.text()).toContain('/api/openapi.json');
  });
});
