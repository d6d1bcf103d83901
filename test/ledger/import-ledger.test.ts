import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRows } from '../../src/ledger/export-ledger.ts';
import { importLedger } from '../../src/ledger/import-ledger.ts';
import { readCsv, readSheet } from '../../src/spreadsheet/read.ts';
import { writeSheet } from '../../src/spreadsheet/write.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const samplePath = join(import.meta.dirname, '../fixtures/property-ledger.csv');
const sample = () => readSheet(samplePath);
const csv = (text: string) => readCsv(Buffer.from(text, 'utf8'));
// 2026-12-03 noon in Shanghai: every 10月 date in the sample lies in 2026.
const now = new Date('2026-12-03T04:00:00Z');

describe('importLedger', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    database.ledger.now = () => now;
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should import the sample ledger keeping refs, sources and categories', async () => {
    const report = await importLedger(database.ledger, { sheet: await sample() });

    expect(report.created).toEqual(['466', 'Q001', '469', 'W001', '471', '474', 'L001']);
    expect(report.invalid).toEqual([]);
    expect(report.assumedYears).toEqual({ '2026': 7 });
    const rows = await database.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.ref, r.source, r.category])).toEqual([
      ['466', 'hotline', '销售管理'],
      ['Q001', 'referral', '客户服务'],
      ['469', 'hotline', '物业服务'],
      ['W001', 'wechat', '工程质量'],
      ['471', 'hotline', '工程质量'],
      ['474', 'hotline', '销售管理'],
      ['L001', 'forum', '物业服务'],
    ]);
    const first = rows[0];
    expect(first?.complainantName).toBe('王先生');
    expect(first?.complainantPhone).toBeNull();
    expect([first?.project, first?.area, first?.building, first?.unit, first?.room]).toEqual([
      '郑州·森林湖',
      '一期',
      '3',
      '2',
      '503',
    ]);
    // 10月4日 is midnight in Shanghai, 16:00 the day before in UTC.
    expect(first?.receivedAt.toISOString()).toBe('2026-10-03T16:00:00.000Z');
  });

  it('should add nothing when the same file is imported again', async () => {
    await importLedger(database.ledger, { sheet: await sample() });
    const again = await importLedger(database.ledger, { sheet: await sample() });

    expect(again.created).toEqual([]);
    expect(again.alreadyInLedger).toHaveLength(7);
    expect(await database.db.prisma.complaint.count()).toBe(7);
  });

  it('should take the year given and say so', async () => {
    const report = await importLedger(database.ledger, { sheet: await sample(), year: 2024 });

    expect(report.assumedYears).toEqual({ '2024': 7 });
    expect(report.yearRule).toContain('2024');
    const row = await database.db.prisma.complaint.findUniqueOrThrow({ where: { ref: 'W001' } });
    expect(row.receivedAt.toISOString()).toBe('2024-10-22T16:00:00.000Z');
  });

  it('should put a date later in the year than today in the previous year', async () => {
    const sheet = csv(
      '编号,日期,投诉来源,投诉分类,投诉内容\nQ009,12月25日,其他部门转达,客户服务,圣诞节前的投诉\n',
    );
    const report = await importLedger(database.ledger, { sheet });
    expect(report.assumedYears).toEqual({ '2025': 1 });
  });

  it('should report unreadable rows by row and column and write nothing', async () => {
    const sheet = csv(
      [
        '编号,日期,投诉人,投诉来源,投诉分类,投诉内容',
        '500,10月4日,王先生,呼叫中心,物业服务,电梯坏了',
        '501,13月40日,李女士,呼叫中心,物业服务,门禁坏了',
        '502,10月5日,赵先生,传真,物业服务,停车位被占',
        '503,10月6日,钱先生,呼叫中心,物业服务,',
      ].join('\n'),
    );

    const report = await importLedger(database.ledger, { sheet });

    expect(report.written).toBe(false);
    expect(report.invalid).toEqual([
      { row: 3, column: '日期', message: expect.stringContaining('13月40日') },
      { row: 4, column: '投诉来源', message: 'unknown source "传真"' },
      { row: 5, column: '投诉内容', message: expect.any(String) },
    ]);
    expect(await database.db.prisma.complaint.count()).toBe(0);

    const skipping = await importLedger(database.ledger, { sheet, skipInvalid: true });
    expect(skipping.created).toEqual(['500']);
  });

  it('should write nothing on a dry run', async () => {
    const report = await importLedger(database.ledger, { sheet: await sample(), dryRun: true });
    expect(report.valid).toBe(7);
    expect(report.created).toEqual([]);
    expect(await database.db.prisma.complaint.count()).toBe(0);
  });

  it('should keep a category outside the list as written and report it', async () => {
    const sheet = csv(
      '编号,日期,投诉来源,投诉分类,投诉内容\nQ010,10月4日,其他部门转达,装修管理,装修噪音扰民\n',
    );
    const report = await importLedger(database.ledger, { sheet });
    expect(report.unknownCategories).toEqual({ 装修管理: [2] });
    const row = await database.db.prisma.complaint.findUniqueOrThrow({ where: { ref: 'Q010' } });
    expect(row.category).toBe('装修管理');
  });

  it('should read English headers and recognise ref-less rows on a second import', async () => {
    const sheet = csv(
      'Date,Complainant,Contact,Source,Category,Content\n2026-10-04 09:30,Mr Li,13812345678,hotline,物业服务,Lift broken\n',
    );
    const first = await importLedger(database.ledger, { sheet });
    const second = await importLedger(database.ledger, { sheet });

    expect(first.created).toEqual(['001']);
    expect(second.alreadyInLedger).toEqual(['001']);
    const row = await database.db.prisma.complaint.findUniqueOrThrow({ where: { ref: '001' } });
    expect(row.complainantPhone).toBe('13812345678');
    expect(row.receivedAt.toISOString()).toBe('2026-10-04T01:30:00.000Z');
  });

  it('should refuse a sheet without the content or category column', async () => {
    const report = await importLedger(database.ledger, { sheet: csv('编号,日期\n1,10月4日\n') });
    expect(report.invalid.map((p) => p.column)).toEqual(['投诉内容', '投诉分类']);
    expect(report.written).toBe(false);
  });

  it('should read a GB18030 CSV as Excel saves it in a Chinese locale', () => {
    const bytes = Buffer.from(
      new Uint8Array([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x0a]), // 编号,日期
    );
    const sheet = readCsv(bytes);
    expect(sheet.headers).toEqual(['编号', '日期']);
    expect(sheet.encoding).toBe('gb18030');
  });

  it('should round-trip the ledger through an XLSX export into a fresh database', async () => {
    await importLedger(database.ledger, { sheet: await sample() });
    const file = join(mkdtempSync(join(tmpdir(), 'taizhang-xlsx-')), 'ledger.xlsx');
    const out = createWriteStream(file);
    const count = await writeSheet(exportRows(database.ledger), out, {
      format: 'xlsx',
      timezone: database.ledger.timezone,
    });
    if (!out.writableFinished) await once(out, 'finish');
    expect(count).toBe(7);

    const fresh = await createTestDatabase();
    try {
      const report = await importLedger(fresh.ledger, { sheet: await readSheet(file) });
      expect(report.invalid).toEqual([]);
      expect(report.created).toEqual(['466', 'Q001', '469', 'W001', '471', '474', 'L001']);
      const pick = (r: {
        ref: string;
        source: string;
        category: string;
        content: string;
        receivedAt: Date;
      }) => [r.ref, r.source, r.category, r.content, r.receivedAt.toISOString()];
      const before = await database.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });
      const after = await fresh.db.prisma.complaint.findMany({ orderBy: { id: 'asc' } });
      expect(after.map(pick)).toEqual(before.map(pick));
    } finally {
      await fresh.drop();
    }
  });

  it('should write a CSV export in the ledger layout with phones masked', async () => {
    const sheet = csv(
      '编号,日期,投诉人,联系方式,投诉来源,投诉分类,投诉内容\n470,10月4日,孙女士,13812345678,呼叫中心,物业服务,噪音\n',
    );
    await importLedger(database.ledger, { sheet });
    const file = join(mkdtempSync(join(tmpdir(), 'taizhang-csv-')), 'ledger.csv');
    await writeSheet(exportRows(database.ledger), createWriteStream(file), {
      format: 'csv',
      timezone: database.ledger.timezone,
    });
    const text = readFileSync(file, 'utf8');
    const [header, line] = text.replace(/^\uFEFF/, '').split('\n');
    expect(header?.split(',').slice(0, 12)).toEqual([
      '编号',
      '日期',
      '投诉人',
      '联系方式',
      '项目',
      '区域',
      '楼栋',
      '单元',
      '房间号',
      '投诉来源',
      '投诉分类',
      '投诉内容',
    ]);
    expect(line).toContain('470,2026-10-04 00:00,孙女士,138****5678');
    expect(text).not.toContain('13812345678');
    writeFileSync(file, '');
  });
});
