/**
 * The console's chart library on Node: Chart.js's UMD build, read once from node_modules. On
 * Workers the entry point hands in the same file another way (a text module).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConsoleAssets } from '../console/assets.ts';

export function nodeConsoleAssets(): ConsoleAssets {
  let chartJs: Promise<string> | undefined;
  return {
    chartJs: () => {
      // chart.js exports only its module builds; the UMD file sits beside the CommonJS one.
      const main = createRequire(import.meta.url).resolve('chart.js');
      chartJs ??= readFile(join(dirname(main), 'chart.umd.min.js'), 'utf8');
      return chartJs;
    },
  };
}
