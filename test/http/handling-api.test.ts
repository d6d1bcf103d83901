import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  createTestApp,
  referral,
  sendJson,
  signIn,
  type TestApp,
} from '../support/app.ts';

async function register(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await sendJson(t.app, 'POST', '/api/complaints', { ...referral, ...overrides });
  expect(res.status).toBe(201);
  return res.body.ref;
}

const post = (t: TestApp, path: string, body: unknown = {}, as?: 'agent' | 'viewer') =>
  sendJson(t.app, 'POST', `/api/complaints/${path}`, body, as ? { as } : {});

describe('handling API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await addStaff(t, { username: 'lina', role: 'agent', team: 'service' });
    await addStaff(t, { username: 'wang', role: 'agent', team: 'service' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('should carry a complaint through the handling steps and store each one', async () => {
    const ref = await register(t);

    expect((await post(t, `${ref}/assign`, { assignee: 'lina' })).body.assignee).toBe('lina');
    const reassigned = await post(t, `${ref}/assign`, { assignee: 'wang', reason: 'leave' });
    expect(reassigned.status).toBe(200);
    const started = await post(t, `${ref}/status`, { to: 'in_progress' });
    expect(started.body.status).toBe('in_progress');
    expect(started.body.handling.firstRespondedAt).not.toBeNull();
    const progress = await post(t, `${ref}/progress`, {
      text: '已联系不动产登记中心',
      attachments: [{ kind: 'image', url: 'https://files.example.com/receipt.jpg' }],
    });
    expect(progress.body.progress).toHaveLength(1);
    const resolved = await post(t, `${ref}/resolve`, {
      solution: '补交材料',
      resolution: '房产证已于本周办下',
    });
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.followUp.askedAt).not.toBeNull();
    const closed = await post(t, `${ref}/feedback`, { satisfaction: 4, note: '电话回访' });
    expect(closed.body.status).toBe('closed');

    const { prisma } = t.database.db;
    const row = await prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row).toMatchObject({ status: 'closed', assignee: 'wang', satisfaction: 4 });
    expect(row.resolution).toBe('房产证已于本周办下');
    const history = await sendJson(t.app, 'GET', `/api/complaints/${ref}/assignments`);
    expect(history.body.assignments.map((a: { assignee: string }) => a.assignee)).toEqual([
      'lina',
      'wang',
    ]);
    expect(history.body.assignments[1]).toMatchObject({ previous: 'lina', reason: 'leave' });
    // A referral is asked through a callback task, done once the verdict is in.
    expect(history.body.tasks).toMatchObject([
      { kind: 'callback', doneBy: 'token:test-supervisor' },
    ]);

    const audit = await sendJson(t.app, 'GET', `/api/complaints/${ref}/audit`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'assign',
      'reassign',
      'status.in_progress',
      'progress',
      'resolve',
      'follow-up.ask',
      'follow-up.answer',
    ]);
    expect(audit.body.entries[7]).toMatchObject({
      actor: 'token:test-supervisor',
      via: 'token',
      before: { status: 'resolved' },
      after: { status: 'closed', satisfaction: 4 },
    });
    for (const [index, entry] of audit.body.entries.entries()) {
      if (index > 0) expect(entry.prevHash).toBe(audit.body.entries[index - 1].hash);
    }
  });

  it.each([
    ['pending -> closed', [], { to: 'closed' }],
    ['pending -> pending', [], { to: 'pending' }],
    ['in_progress -> in_progress', [{ to: 'in_progress' }], { to: 'in_progress' }],
    ['in_progress -> closed', [{ to: 'in_progress' }], { to: 'closed' }],
  ])('should answer 409 invalid_transition for %s', async (_name, before, move) => {
    const ref = await register(t);
    for (const step of before) expect((await post(t, `${ref}/status`, step)).status).toBe(200);

    const res = await post(t, `${ref}/status`, move);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    const row = await t.database.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row.status).toBe(before.length ? 'in_progress' : 'pending');
  });

  it('should refuse to resolve a pending complaint or reopen an open one with 409', async () => {
    const ref = await register(t);
    const resolve = await post(t, `${ref}/resolve`, { resolution: '已处理' });
    expect([resolve.status, resolve.body.error.code]).toEqual([409, 'invalid_transition']);
    const reopen = await post(t, `${ref}/reopen`, { reason: 'again' });
    expect([reopen.status, reopen.body.error.code]).toEqual([409, 'invalid_transition']);
  });

  it.each([
    ['progress', { text: '   ' }, 'text'],
    ['progress', { text: 'ok', colour: 'red' }, '(root)'],
    ['resolve', { solution: 'x' }, 'resolution'],
    ['level', { level: 4, reason: 'x' }, 'level'],
    ['level', { level: 1 }, 'reason'],
    ['extensions', { days: 0, reason: 'x' }, 'days'],
    ['assign', { assignee: '' }, 'assignee'],
    ['status', { to: 'archived' }, 'to'],
    ['status', { to: 'resolved' }, 'to'],
    ['feedback', { satisfaction: 6 }, 'satisfaction'],
    ['pause', {}, 'reason'],
    ['group', {}, 'groupRef'],
  ])('should refuse %s with %j as validation_failed at %s', async (action, body, path) => {
    const ref = await register(t);
    const res = await post(t, `${ref}/${action}`, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it('should answer malformed JSON with 400 and an unknown complaint with 404', async () => {
    const ref = await register(t);
    const res = await t.app.request(`/api/complaints/${ref}/progress`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.tokens.supervisor}`,
        'content-type': 'application/json',
      },
      body: '{"text":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
    const missing = await post(t, 'Q999/progress', { text: 'x' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'complaint_not_found']);
  });

  it('should hold each action to its role', async () => {
    const ref = await register(t);
    expect((await post(t, `${ref}/progress`, { text: 'x' }, 'viewer')).status).toBe(403);
    expect((await post(t, `${ref}/assign`, { assignee: 'lina' }, 'agent')).status).toBe(403);
    expect((await post(t, `${ref}/level`, { level: 1, reason: 'x' }, 'agent')).status).toBe(403);
    const rules = await sendJson(
      t.app,
      'PUT',
      '/api/assignment-rules',
      { rules: [] },
      {
        as: 'agent',
      },
    );
    expect([rules.status, rules.body.error.code]).toEqual([403, 'forbidden']);
    expect((await post(t, `${ref}/progress`, { text: 'x' }, 'agent')).status).toBe(200);
    const entries = await t.database.db.prisma.progressEntry.findMany();
    expect(entries.map((entry) => entry.author)).toEqual(['token:test-agent']);
  });

  it('should let a signed-in agent work only on complaints assigned to them', async () => {
    const ref = await register(t);
    const session = await signIn(t, 'lina');
    const as = { cookie: session.cookie };
    const refused = await sendJson(
      t.app,
      'POST',
      `/api/complaints/${ref}/progress`,
      { text: 'x' },
      { as },
    );
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);

    await post(t, `${ref}/assign`, { assignee: 'lina' });
    const allowed = await sendJson(
      t.app,
      'POST',
      `/api/complaints/${ref}/progress`,
      { text: 'x' },
      { as },
    );
    expect(allowed.status).toBe(200);
    const audit = await t.database.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'progress' },
    });
    expect([audit.actorId, audit.actorVia]).toEqual(['lina', 'session']);
  });

  it('should override the level with a reason and show the rule', async () => {
    const ref = await register(t);
    const res = await post(t, `${ref}/level`, { level: 1, reason: '业主已联系媒体' });
    expect(res.body).toMatchObject({ level: 1, levelRule: 'override' });
    expect(res.body.handling.levelOverride).toBe('业主已联系媒体');
    const row = await t.database.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    // Property preset, level 1: three days from intake.
    expect(row.resolutionDueAt?.getTime()).toBe(row.receivedAt.getTime() + 3 * 86_400_000);
  });

  it('should pause and resume the clock, refusing a second pause', async () => {
    const ref = await register(t);
    expect(
      (await post(t, `${ref}/pause`, { reason: '等待业主提供材料' })).body.handling.pausedAt,
    ).not.toBeNull();
    const again = await post(t, `${ref}/pause`, { reason: 'again' });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    const resumed = await post(t, `${ref}/resume`, {});
    expect(resumed.body.handling.pausedAt).toBeNull();
    const notPaused = await post(t, `${ref}/resume`, {});
    expect([notPaused.status, notPaused.body.error.code]).toEqual([409, 'conflict']);
  });

  it('should reopen a dissatisfied complaint for a supervisor only', async () => {
    const ref = await register(t);
    await post(t, `${ref}/status`, { to: 'in_progress' });
    await post(t, `${ref}/resolve`, { resolution: '已处理' });
    const verdict = await post(t, `${ref}/feedback`, { satisfaction: 2, comment: '没修好' });
    expect(verdict.body.status).toBe('resolved');
    const tasks = await sendJson(t.app, 'GET', '/api/tasks?open=true&kind=review_verdict');
    expect(tasks.body.items).toMatchObject([{ ref, kind: 'review_verdict' }]);

    expect((await post(t, `${ref}/reopen`, { reason: '复查' }, 'agent')).status).toBe(403);
    const reopened = await post(t, `${ref}/reopen`, { reason: '业主不满意，漏水复发' });
    expect(reopened.body).toMatchObject({
      status: 'in_progress',
      feedback: { satisfaction: null },
    });
    const row = await t.database.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row.reopenCount).toBe(1);
  });

  it('should link a complaint to another group and count both complainants', async () => {
    const first = await register(t);
    const second = await register(t, {
      complainant: { name: '李先生', phone: '13900001111' },
      content: '电梯经常停运，物业不处理',
      category: '设施设备',
    });
    const res = await post(t, `${second}/group`, { groupRef: first });
    expect(res.body.group).toEqual({ ref: first, complainants: 2 });
    const again = await post(t, `${second}/group`, { groupRef: first });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: first },
    });
    expect([stored.groupRef, stored.groupComplainants]).toEqual([first, 2]);
  });

  it('should list tasks and complete one once', async () => {
    const ref = await register(t);
    await post(t, `${ref}/status`, { to: 'in_progress' });
    await post(t, `${ref}/resolve`, { resolution: '已处理' });
    const open = await sendJson(t.app, 'GET', '/api/tasks?open=true');
    expect(open.body.items).toMatchObject([{ ref, kind: 'callback', doneAt: null }]);
    const id = open.body.items[0].id;

    const done = await sendJson(t.app, 'POST', `/api/tasks/${id}/complete`, { note: '未接通' });
    expect(done.body).toMatchObject({ id, ref, note: '未接通', doneBy: 'token:test-supervisor' });
    const twice = await sendJson(t.app, 'POST', `/api/tasks/${id}/complete`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);
    const viewer = await sendJson(t.app, 'POST', '/api/tasks/999/complete', {}, { as: 'viewer' });
    expect(viewer.status).toBe(403);
    expect((await sendJson(t.app, 'GET', '/api/tasks?open=true')).body.items).toEqual([]);
  });

  it('should assign new complaints round robin by the rules a supervisor sets', async () => {
    const put = await sendJson(t.app, 'PUT', '/api/assignment-rules', {
      rules: [{ category: '客户服务', team: 'service' }],
    });
    expect(put.body.rules).toMatchObject([{ position: 0, category: '客户服务', team: 'service' }]);
    const listed = await sendJson(t.app, 'GET', '/api/assignment-rules', undefined, {
      as: 'viewer',
    });
    expect(listed.body.rules).toHaveLength(1);

    const refs = [await register(t), await register(t, { content: '另一件事：车位' })];
    const rows = await t.database.db.prisma.complaint.findMany({ where: { ref: { in: refs } } });
    expect(rows.map((row) => row.assignee).sort()).toEqual(['lina', 'wang']);
    const history = await sendJson(t.app, 'GET', `/api/complaints/${refs[0]}/assignments`);
    expect(history.body.assignments[0].rule).toMatch(/service/);
  });

  it('should describe every handling route in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, method] of [
      ['/complaints/{ref}/status', 'post'],
      ['/complaints/{ref}/assign', 'post'],
      ['/complaints/{ref}/assignments', 'get'],
      ['/complaints/{ref}/progress', 'post'],
      ['/complaints/{ref}/resolve', 'post'],
      ['/complaints/{ref}/level', 'post'],
      ['/complaints/{ref}/extensions', 'post'],
      ['/complaints/{ref}/pause', 'post'],
      ['/complaints/{ref}/resume', 'post'],
      ['/complaints/{ref}/group', 'post'],
      ['/complaints/{ref}/follow-up', 'post'],
      ['/complaints/{ref}/feedback', 'post'],
      ['/complaints/{ref}/reopen', 'post'],
      ['/complaints/{ref}/audit', 'get'],
      ['/tasks', 'get'],
      ['/tasks/{id}/complete', 'post'],
      ['/assignment-rules', 'put'],
    ] as const) {
      expect(doc.paths[`/api${path}`]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});

describe('handling API extensions under the bank preset', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ env: { LEVEL_PRESET: 'bank' } });
  });
  afterEach(async () => {
    await t.close();
  });

  it('should extend without approval up to 15 days and need a supervisor beyond', async () => {
    const ref = await register(t, { category: '服务态度' });
    const first = await post(t, `${ref}/extensions`, { days: 15, reason: '案情复杂' }, 'agent');
    expect(first.status).toBe(200);
    expect(first.body.handling.extensionDays).toBe(15);

    const refused = await post(t, `${ref}/extensions`, { days: 15, reason: '再延' }, 'agent');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'approval_required']);
    const approved = await post(t, `${ref}/extensions`, { days: 15, reason: '再延' });
    expect(approved.body.handling.extensionDays).toBe(30);
    const over = await post(t, `${ref}/extensions`, { days: 16, reason: '超限' });
    expect([over.status, over.body.error.code]).toEqual([409, 'extension_limit']);

    const rows = await t.database.db.prisma.dueExtension.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.days, row.approvedBy])).toEqual([
      [15, null],
      [15, 'token:test-supervisor'],
    ]);
    const row = await t.database.db.prisma.complaint.findUniqueOrThrow({ where: { ref } });
    expect(row.resolutionDueAt?.getTime()).toBe(row.receivedAt.getTime() + 45 * 86_400_000);
  });
});
