/**
 * The console in a real browser: Debian's chromium driven by playwright-core against a real server
 * on 127.0.0.1. Screenshots go to test-artifacts/. Without /usr/bin/chromium the suite is skipped
 * and says why in its name.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { importLedger } from '../../src/ledger/import-ledger.ts';
import { silentLogger } from '../../src/logger.ts';
import { nodeConsoleAssets } from '../../src/node/assets.ts';
import { readCsv } from '../../src/spreadsheet/read.ts';
import { addStaff, createTestApp, type TestApp } from '../support/app.ts';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const artifacts = join(process.cwd(), 'test-artifacts');
const password = 'correct horse battery';

const title = hasChromium
  ? 'staff console in chromium'
  : `staff console in chromium (skipped: ${chromiumPath} is not installed; apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    t = await createTestApp();
    const sheet = readCsv(readFileSync('test/fixtures/property-ledger.csv'));
    await importLedger(t.database.ledger, { sheet, year: 2026 });
    const prisma = t.database.db.prisma;
    await prisma.complaint.update({
      where: { ref: '466' },
      data: {
        complainantPhone: '13812345678',
        level: 2,
        levelRule: 'level 2: 3 to 9 people together',
        resolutionDueAt: new Date(Date.now() - 864e5),
      },
    });
    await addStaff(t, { username: 'chen', role: 'supervisor', name: '陈主管', team: '客服一组' });
    await addStaff(t, { username: 'wang', role: 'agent', name: '王坐席', team: '客服一组' });

    const app = createApp({
      ledger: t.database.ledger,
      logger: silentLogger(),
      assets: nodeConsoleAssets(),
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({
      acceptDownloads: true,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(artifacts, `console-${name}.png`), fullPage: true });

  it('should sign in from the keyboard', async () => {
    await page.goto(`${base}/ledger`);
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('用户名').focus();
    await page.keyboard.type('chen');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await shot('login');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/ledger`);

    await expect(page.getByRole('heading', { name: '投诉台账' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('tbody tr').count()).resolves.toBe(7);
    const row = page.locator('tbody tr', { hasText: '466' }).first();
    await expect(row.getAttribute('class')).resolves.toBe('overdue');
    await expect(row.textContent()).resolves.toContain('138****5678');
    await shot('ledger');
  });

  it('should filter the ledger by category', async () => {
    await page.getByRole('combobox', { name: '投诉分类', exact: true }).selectOption('工程质量');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/category=/);

    const refs = await page.locator('tbody tr td:first-child').allTextContents();
    expect(refs.sort()).toEqual(['471', 'W001']);
    await shot('ledger-filtered');
  });

  it('should work a complaint from pending to closed: assign, resolve, follow up', async () => {
    await page.goto(`${base}/ledger`);
    await page.getByRole('link', { name: '466', exact: true }).click();
    await page.waitForURL(`${base}/complaints/466`);
    await expect(page.getByTestId('phone').textContent()).resolves.toBe('138****5678');
    await expect(page.getByTestId('level-rule').textContent()).resolves.toBe(
      'level 2: 3 to 9 people together',
    );

    await page.getByLabel('分派给').selectOption('wang');
    await page.locator('#action-assign + form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/466?saved=1`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存');
    const stored = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: '466' },
    });
    expect(stored.assignee).toBe('wang');
    await expect(page.getByTestId('assignments').textContent()).resolves.toContain('王坐席');

    await page.getByLabel('处理结果').fill('已补发洗车卡并延长有效期');
    await page.locator('#action-resolve + form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/466?saved=1`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('已保存');
    await expect(page.locator('#facts .tag').first().textContent()).resolves.toBe('已解决');
    await expect(page.getByTestId('audit').textContent()).resolves.toContain('resolve');
    const resolved = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: '466' },
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolution).toBe('已补发洗车卡并延长有效期');

    // The follow-up call (回访): the customer's verdict closes the complaint.
    await page.getByLabel('满意度').selectOption('4');
    await page.getByLabel('回访记录').fill('电话回访，客户认可处理结果');
    await page.locator('#action-follow-up + form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/466?saved=1`);
    await expect(page.locator('#facts .tag').first().textContent()).resolves.toBe('已回访');
    const closed = await t.database.db.prisma.complaint.findUniqueOrThrow({
      where: { ref: '466' },
    });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 4 });
    await shot('complaint');
  });

  it('should reveal the phone on request and record it', async () => {
    await page.goto(`${base}/complaints/466`);
    await page.getByRole('button', { name: '查看完整号码' }).click();

    await expect(page.getByTestId('phone').textContent()).resolves.toBe('13812345678');
    const reveals = await t.database.db.prisma.contactReveal.findMany();
    expect(reveals.map((reveal) => [reveal.complaintRef, reveal.actorId])).toEqual([
      ['466', 'chen'],
    ]);
  });

  it('should download the ledger export', async () => {
    await page.goto(`${base}/ledger`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 XLSX' }).click(),
    ]);
    const file = join(artifacts, 'console-ledger.xlsx');
    await download.saveAs(file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('编号');
    expect(sheet?.rowCount).toBe(8);
  });

  it('should draw the dashboard charts with the local chart library', async () => {
    await page.goto(`${base}/dashboard?from=2026-01-01&to=2026-12-31`);
    await page.waitForFunction(() => 'Chart' in window);
    // Chart.getChart answers the chart drawn on a canvas, if Chart.js drew one there.
    const drawn = await page.evaluate(() => {
      const chart = (window as unknown as { Chart: { getChart(c: Element): unknown } }).Chart;
      return Array.from(document.querySelectorAll('canvas[data-chart]')).map(
        (canvas) => chart.getChart(canvas) !== undefined,
      );
    });
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    expect(drawn.every(Boolean)).toBe(true);
    await shot('dashboard');

    await page.goto(`${base}/staff?lang=en`);
    await expect(
      page.getByRole('heading', { name: 'Staff performance' }).isVisible(),
    ).resolves.toBe(true);
    await shot('staff-en');
  });
});
