import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { createEmptyDatabase } from '../support/database.ts';

const sample = join(import.meta.dirname, '../fixtures/property-ledger.csv');

describe('taizhang import and export', () => {
  let env: Record<string, string>;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    env = { DATABASE_URL: empty.url };
  });
  afterEach(async () => {
    await remove();
  });

  it('should preview with --dry-run, import, and add nothing the second time', async () => {
    const dry = await runCli(['import', sample, '--dry-run', '--year', '2026'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('7 row(s) read, 7 valid, 0 problem(s)');
    expect(dry.out).toContain('2026 for 7 row(s)');
    expect(dry.out).toContain('Dry run: nothing was written.');

    const first = await runCli(['import', sample, '--year', '2026'], env);
    expect(first.out).toContain('Created 7: 466 Q001 469 W001 471 474 L001');

    const second = await runCli(['import', sample, '--year', '2026'], env);
    expect(second.out).toContain('Created 0: -');
    expect(second.out).toContain('Already in the ledger 7');
  });

  it('should exit 1 and name row and column for a bad file, writing nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'taizhang-cli-')), 'bad.csv');
    writeFileSync(file, '编号,日期,投诉来源,投诉分类,投诉内容\n1,10月4日,火星,物业服务,电梯坏了\n');

    const run = await runCli(['import', file], env);

    expect(run.code).toBe(1);
    expect(run.err).toContain('row 2, column 投诉来源: unknown source "火星"');
    expect(run.out).toContain('Nothing was written');
    const exported = await runCli(['export', join(tmpdir(), `empty-${Date.now()}.csv`)], env);
    expect(exported.err).toContain('Exported 0 complaint(s)');
  });

  it('should refuse a bad --year and an unknown format with a code', async () => {
    const year = await runCli(['import', sample, '--year', 'last'], env);
    expect(year.code).toBe(1);
    expect(year.err).toContain('[bad_request]');

    const format = await runCli(['export', '--format', 'pdf'], env);
    expect(format.code).toBe(1);
    expect(format.err).toContain('--format must be csv or xlsx');
  });

  it('should export filtered rows with English headers', async () => {
    await runCli(['import', sample, '--year', '2026'], env);
    const file = join(mkdtempSync(join(tmpdir(), 'taizhang-cli-')), 'hotline.csv');

    const run = await runCli(['export', file, '--source', 'hotline', '--lang', 'en'], env);

    expect(run.code).toBe(0);
    const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
    expect(lines[0]).toMatch(/^\uFEFFRef,Date,Complainant,Contact,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['466', '469', '471', '474']);
  });

  it('should say how to use an unknown command', async () => {
    const run = await runCli(['frobnicate'], env);
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown command "frobnicate"');
  });
});
