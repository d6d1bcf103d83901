import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockout } from '../../src/accounts/authenticate-staff.ts';
import { createChatEngine } from '../../src/chat/engine.ts';
import { silentLogger } from '../../src/logger.ts';
import {
  addStaff,
  createTestApp,
  postForm,
  sendJson,
  signIn,
  type TestApp,
} from '../support/app.ts';

const complaint = (phone: string, content: string, category = '工程质量') => ({
  source: 'hotline',
  complainant: { name: '王先生', phone },
  content,
  category,
  location: { project: '郑州·森林湖', building: '3', unit: '2', room: '503' },
});

describe('console sign-in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await addStaff(t, { username: 'chen', role: 'supervisor' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('should send a visitor without a session to the sign-in page', async () => {
    const res = await t.app.request('/ledger?status=pending');

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fledger%3Fstatus%3Dpending');
  });

  it('should set an httpOnly SameSite session cookie on sign-in', async () => {
    const form = await t.app.request('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: {
        cookie: form.headers.getSetCookie()[0]?.split(';')[0] ?? '',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: csrf,
        username: 'chen',
        password: 'correct horse battery',
      }).toString(),
    });

    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('tz_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('should refuse a sign-in form without its CSRF token', async () => {
    const res = await t.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=chen&password=correct+horse+battery',
    });

    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((line) => line.startsWith('tz_session='))).toBe(false);
  });

  it('should lock the account after repeated wrong passwords', async () => {
    for (let i = 1; i < lockout.attempts; i++) {
      expect((await signIn(t, 'chen', 'wrong password!')).status).toBe(401);
    }
    expect((await signIn(t, 'chen', 'wrong password!')).status).toBe(429);
    expect((await signIn(t, 'chen')).status).toBe(429);

    const stored = await t.database.db.prisma.staffUser.findUniqueOrThrow({
      where: { username: 'chen' },
    });
    expect(stored.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('should answer the same for an unknown user as for a wrong password', async () => {
    expect((await signIn(t, 'nobody', 'whatever password')).status).toBe(401);
  });

  it('should refuse a form posted without the session CSRF token', async () => {
    const session = await signIn(t, 'chen');

    const res = await postForm(t, '/logout', { cookie: session.cookie, csrf: 'forged' });
    expect(res.status).toBe(403);
    const still = await t.app.request('/ledger', { headers: { cookie: session.cookie } });
    expect(still.status).toBe(200);
  });

  it('should end the session on sign-out', async () => {
    const session = await signIn(t, 'chen');

    const res = await postForm(t, '/logout', session);
    expect(res.status).toBe(303);
    const after = await t.app.request('/ledger', { headers: { cookie: session.cookie } });
    expect(after.status).toBe(303);
  });
});

describe('console pages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await addStaff(t, { username: 'chen', role: 'supervisor', team: '客服一组', name: '陈主管' });
    await addStaff(t, { username: 'wang', role: 'agent', team: '客服一组', name: '王坐席' });
    await addStaff(t, { username: 'zhao', role: 'agent', team: '客服二组' });
    await addStaff(t, { username: 'view', role: 'viewer' });
    await sendJson(t.app, 'POST', '/api/complaints', complaint('13812345678', '地下室渗水严重'));
    await sendJson(
      t.app,
      'POST',
      '/api/complaints',
      complaint('13987654321', '电梯经常停运', '物业服务'),
    );
  });
  afterEach(async () => {
    await t.close();
  });

  const page = async (path: string, cookie: string, headers: Record<string, string> = {}) => {
    const res = await t.app.request(path, { headers: { cookie, ...headers } });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };

  it('should show the ledger columns in Chinese first and English on request', async () => {
    const { cookie } = await signIn(t, 'view');

    const zh = await page('/ledger', cookie);
    expect(zh.status).toBe(200);
    for (const header of ['编号', '日期', '投诉人', '联系方式', '项目', '区域', '楼栋', '单元']) {
      expect(zh.html).toContain(`>${header}`);
    }
    expect(zh.html).toContain('房间号');
    expect(zh.html).toContain('lang="zh-CN"');

    const en = await page('/ledger', cookie, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.html).toContain('lang="en"');
    expect(en.html).toContain('Complainant');
  });

  it('should mask every phone in the ledger table', async () => {
    const { cookie } = await signIn(t, 'chen');

    const { html } = await page('/ledger', cookie);
    expect(html).toContain('138****5678');
    expect(html).not.toContain('13812345678');
    expect(html).not.toContain('13987654321');
  });

  it('should filter and search the ledger', async () => {
    const { cookie } = await signIn(t, 'view');

    const byCategory = await page(`/ledger?category=${encodeURIComponent('物业服务')}`, cookie);
    expect(byCategory.html).toContain('电梯经常停运');
    expect(byCategory.html).not.toContain('地下室渗水严重');

    const bySearch = await page(`/ledger?q=${encodeURIComponent('渗水')}&status=`, cookie);
    expect(bySearch.html).toContain('地下室渗水严重');
    expect(bySearch.html).not.toContain('电梯经常停运');
  });

  it('should escape text from the ledger', async () => {
    await sendJson(t.app, 'POST', '/api/complaints', complaint('1', '<script>alert(1)</script>'));
    const { cookie } = await signIn(t, 'view');

    const { html } = await page('/ledger', cookie);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('should show the chat conversation with phones masked and text escaped', async () => {
    const engine = createChatEngine({ ledger: t.database.ledger, logger: silentLogger() });
    const answers = ['你好', '4', '门禁<b>坏了</b>，进不了单元门', '王先生', '13812345678'];
    let n = 0;
    for (const text of [...answers, '跳过', '1']) {
      await engine.handle({
        channel: 'wechat',
        eventId: `e${++n}`,
        userId: 'openid-1',
        kind: 'text',
        text,
        receivedAt: new Date(),
      });
    }
    const { cookie } = await signIn(t, 'view');

    const { html } = await page('/complaints/W001', cookie);

    expect(html).toContain('对话记录');
    expect(html).toContain('门禁&lt;b&gt;坏了&lt;/b&gt;，进不了单元门');
    expect(html).not.toContain('<b>坏了</b>');
    expect(html).toContain('138****5678');
    expect(html).not.toContain('13812345678');
    expect(html).toContain('已登记');
    const other = await page('/complaints/001', cookie);
    expect(other.status).toBe(200);
    expect(other.html).not.toContain('对话记录');
  });

  it('should mark an overdue complaint in words as well as colour', async () => {
    await t.database.db.prisma.complaint.update({
      where: { ref: '001' },
      data: { resolutionDueAt: new Date(Date.now() - 86_400_000) },
    });
    const { cookie } = await signIn(t, 'view');

    const { html } = await page('/ledger', cookie);
    expect(html).toContain('class="overdue"');
    expect(html).toContain('逾期');
  });

  it('should let the assigned agent reveal the phone on the page and record it', async () => {
    await t.database.db.prisma.complaint.update({
      where: { ref: '001' },
      data: { assignee: 'wang' },
    });
    const session = await signIn(t, 'wang');

    const before = await page('/complaints/001', session.cookie);
    expect(before.html).toContain('138****5678');
    expect(before.html).toContain('/complaints/001/reveal');

    const revealed = await postForm(t, '/complaints/001/reveal', session);
    expect(revealed.status).toBe(200);
    expect(await revealed.text()).toContain('13812345678');
    expect(await t.database.db.prisma.contactReveal.findMany()).toMatchObject([
      { complaintRef: '001', actorId: 'wang', via: 'session', purpose: 'page' },
    ]);
  });

  it('should never show an agent the phone of a complaint not assigned to them', async () => {
    await t.database.db.prisma.complaint.update({
      where: { ref: '001' },
      data: { assignee: 'wang' },
    });
    const session = await signIn(t, 'zhao');

    const view = await page('/complaints/001', session.cookie);
    expect(view.html).toContain('138****5678');
    expect(view.html).not.toContain('13812345678');
    expect(view.html).not.toContain('/complaints/001/reveal');

    const forced = await postForm(t, '/complaints/001/reveal', session);
    expect(forced.status).toBe(403);
    expect(await forced.text()).not.toContain('13812345678');
    expect(await t.database.db.prisma.contactReveal.count()).toBe(0);
  });

  it('should let a supervisor assign a complaint from its page', async () => {
    const session = await signIn(t, 'chen');

    const res = await postForm(t, '/complaints/001/assign', session, { assignee: 'wang' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/complaints/001?saved=1');
    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: '001' },
    });
    expect(stored.assignee).toBe('wang');
  });

  it('should carry a complaint through progress, resolution and follow-up from its page', async () => {
    const session = await signIn(t, 'chen');
    await postForm(t, '/complaints/001/assign', session, { assignee: 'wang' });

    // A pending complaint resolved from the page is started first.
    const resolve = await postForm(t, '/complaints/001/resolve', session, {
      solution: '更换排水泵',
      resolution: '渗水已止住',
    });
    expect(resolve.status).toBe(303);
    const twice = await postForm(t, '/complaints/001/resolve', session, { resolution: '再次' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('cannot move to resolved');
    const visit = await postForm(t, '/complaints/001/follow-up', session, {
      satisfaction: '5',
      note: '电话回访，业主满意',
    });
    expect(visit.status).toBe(303);

    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: '001' },
    });
    expect(stored).toMatchObject({ status: 'closed', satisfaction: 5, resolution: '渗水已止住' });
    const { html } = await page('/complaints/001', session.cookie);
    expect(html).toContain('data-testid="level-rule"');
    expect(html).toContain('分派记录');
    expect(html).toMatch(/data-testid="assignments"[\s\S]*王坐席/);
    for (const action of ['status.in_progress', 'resolve', 'follow-up.ask', 'follow-up.answer']) {
      expect(html).toContain(`· ${action}`);
    }
    expect(html).toContain('status: resolved → closed');
  });

  it('should refuse assignment by an agent and work by an agent not assigned', async () => {
    const session = await signIn(t, 'zhao');

    const assign = await postForm(t, '/complaints/001/assign', session, { assignee: 'zhao' });
    expect(assign.status).toBe(403);
    const progress = await postForm(t, '/complaints/001/progress', session, { text: '已联系' });
    expect(progress.status).toBe(403);
  });

  it('should draw the dashboard and the staff report with their figures as tables', async () => {
    await t.database.db.prisma.complaint.update({
      where: { ref: '001' },
      data: { assignee: 'wang', resolvedAt: new Date(), satisfaction: 4, status: 'resolved' },
    });
    const { cookie } = await signIn(t, 'view');

    const dashboard = await page('/dashboard', cookie);
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('data-chart="category"');
    expect(dashboard.html).toContain('id="chart-data"');
    expect(dashboard.html).toContain('/assets/chart.js');

    const staff = await page('/staff', cookie);
    expect(staff.status).toBe(200);
    expect(staff.html).toContain('王坐席');
    expect(staff.html).toContain('客服一组');
  });

  it('should serve the chart library from the app itself', async () => {
    const res = await t.app.request('/assets/chart.js');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('Chart');
  });

  it('should send a content security policy that allows only this site', async () => {
    const { cookie } = await signIn(t, 'view');

    const { headers } = await page('/ledger', cookie);
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('registering a complaint in the console', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await addStaff(t, { username: 'wang', role: 'agent' });
    await addStaff(t, { username: 'view', role: 'viewer' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('should let an agent register a referral and open its page', async () => {
    const session = await signIn(t, 'wang');

    const form = await t.app.request('/complaints/new', { headers: { cookie: session.cookie } });
    expect(form.status).toBe(200);
    const res = await postForm(t, '/complaints', session, {
      source: 'referral',
      category: '客户服务',
      name: '姚女士',
      phone: '13812345678',
      project: '郑州·森林湖',
      content: '房产证两年未办下来',
    });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/complaints/Q001');
    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: 'Q001' },
    });
    expect(stored).toMatchObject({ complainantPhone: '13812345678', project: '郑州·森林湖' });
  });

  it('should send an invalid form back filled in with the fields at fault', async () => {
    const session = await signIn(t, 'wang');

    const res = await postForm(t, '/complaints', session, {
      source: 'fax',
      category: '客户服务',
      content: '内容保留',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('source');
    expect(html).toContain('内容保留');
    expect(await t.database.db.prisma.complaint.count()).toBe(0);
  });

  it('should refuse a viewer', async () => {
    const session = await signIn(t, 'view');

    const res = await postForm(t, '/complaints', session, { source: 'referral', content: 'x' });
    expect(res.status).toBe(403);
  });
});
