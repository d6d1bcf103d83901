/**
 * Export of the whole ledger with `taizhang export` as a child process, as staff run it: wall time
 * and the process's peak resident memory (GNU time's %M), CSV and XLSX.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

export interface ExportFigure {
  format: 'csv' | 'xlsx';
  seconds: number;
  peakMiB: number;
  fileMiB: number;
}

/** `nodeOptions` runs the CLI with a capped heap, to tell rows kept from garbage not yet swept. */
export function measureExport(
  url: string,
  dir: string,
  format: 'csv' | 'xlsx',
  nodeOptions = '',
): ExportFigure {
  const file = join(dir, `export.${format}`);
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', process.execPath, 'bin/taizhang.js', 'export', file],
    { env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' },
  );
  const match = /TIME ([\d.]+) (\d+)/.exec(child.stderr);
  if (child.status !== 0 || !match) throw new Error(`export failed: ${child.stderr}`);
  return {
    format,
    seconds: Number(match[1]),
    peakMiB: Number(match[2]) / 1024,
    fileMiB: statSync(file).size / 2 ** 20,
  };
}
