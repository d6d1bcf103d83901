import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scrubPersonalData } from '../../src/complaint/public-notice.ts';
import {
  addStaff,
  authHeaders,
  createTestApp,
  sendJson,
  signIn,
  type TestApp,
} from '../support/app.ts';

const complaint = {
  source: 'wechat',
  complainant: { name: '李雷', phone: '13812345678', channelId: 'oUser-openid-1' },
  content:
    '业主李雷（电话 13812345678）反映 3栋2单元503室 漏水，王先生也说过，请回电 0371-66887799',
  category: '工程质量',
  location: { project: '郑州·森林湖', area: '二期', building: '3', unit: '2', room: '503' },
};

describe('ledger exports over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await sendJson(t.app, 'POST', '/api/complaints', complaint);
    await sendJson(t.app, 'POST', '/api/complaints', {
      ...complaint,
      category: '物业服务',
      content: '电梯停运',
    });
  });
  afterEach(async () => {
    await t.close();
  });

  const download = (path: string, as: Parameters<typeof authHeaders>[1] = 'supervisor') =>
    t.app.request(path, { headers: authHeaders(t.app, as) });

  it('should stream the filtered ledger as CSV with masked phones', async () => {
    const res = await download(
      `/api/exports/ledger?format=csv&category=${encodeURIComponent('工程质量')}`,
    );

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="ledger-.*\.csv"/);
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('编号,日期,投诉人,联系方式');
    expect(lines).toHaveLength(2);
    expect(text).toContain('138****5678');
    expect(text).not.toContain('电梯停运');
  });

  it('should write XLSX that opens with the ledger columns', async () => {
    const res = await download('/api/exports/ledger?format=xlsx&lang=en');

    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Ref');
    expect(sheet?.rowCount).toBe(3);
  });

  it('should record a full-contact export as a reveal', async () => {
    const res = await download('/api/exports/ledger?format=csv&contact=full');

    expect(await res.text()).toContain('13812345678');
    expect(await t.database.db.prisma.contactReveal.findMany()).toMatchObject([
      { complaintRef: '*', purpose: 'export', actorId: 'token:test-supervisor' },
    ]);
  });

  it.each(['agent', 'viewer'] as const)('should refuse the ledger export to a %s', async (role) => {
    const res = await download('/api/exports/ledger?format=csv', role);

    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('should leave every piece of personal data out of the public notice', async () => {
    const res = await download('/api/exports/public-notice?format=csv', 'viewer');

    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split('\n')[0]).toBe(
      '编号,日期,项目,区域,投诉来源,投诉分类,投诉内容,处理状态,处理结果',
    );
    for (const secret of [
      '李雷',
      '13812345678',
      '138****5678',
      'oUser-openid-1',
      '503',
      '66887799',
      '王先生',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('郑州·森林湖');
    expect(text).toContain('漏水');
  });

  it('should export from the console for the filter on screen', async () => {
    await addStaff(t, { username: 'chen', role: 'supervisor' });
    const { cookie } = await signIn(t, 'chen');

    const res = await t.app.request(
      `/ledger/export?format=csv&category=${encodeURIComponent('物业服务')}`,
      { headers: { cookie } },
    );
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('电梯停运');
    expect(text).not.toContain('漏水');
  });
});

describe('scrubPersonalData', () => {
  it.each([
    ['请拨 13812345678 联系', '请拨 *** 联系'],
    ['电话 +86 138-1234-5678', '电话 ***'],
    ['座机 0371-66887799', '座机 ***'],
    ['身份证 41010519900101123X', '身份证 ***'],
    ['邮箱 li@example.com', '邮箱 ***'],
    ['住 3栋2单元503室', '住 **'],
    ['住 3-2-503', '住 **'],
    ['王先生和李女士', '某先生和某女士'],
    ['2024-10-04 报修', '2024-10-04 报修'],
    ['赔偿 5000 元', '赔偿 5000 元'],
  ])('should turn %j into %j', (input, output) => {
    expect(scrubPersonalData(input)).toBe(output);
  });

  it('should remove the known name and room wherever they appear', () => {
    expect(scrubPersonalData('韩梅梅说 1203 漏水', { names: ['韩梅梅'], rooms: ['1203'] })).toBe(
      '**说 ** 漏水',
    );
  });
});
