import { createWriteStream } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.ts';
import { exportRows } from '../../ledger/export-ledger.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import { type Language, type SheetFormat, writeSheet } from '../../spreadsheet/write.ts';
import type { Command } from '../io.ts';

export const exportCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      lang: { type: 'string', default: 'zh' },
      'with-contact': { type: 'boolean', default: false },
      status: { type: 'string' },
      category: { type: 'string' },
      source: { type: 'string' },
      level: { type: 'string' },
      assignee: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      q: { type: 'string' },
    },
  });
  const file = positionals[0];
  const format = (values.format ?? (file ? extname(file).slice(1) : 'csv')).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') {
    throw new AppError('bad_request', `--format must be csv or xlsx, not "${format}"`);
  }
  if (values.lang !== 'zh' && values.lang !== 'en') {
    throw new AppError('bad_request', '--lang must be zh or en');
  }
  if (!file && format === 'xlsx' && process.stdout.isTTY) {
    throw new AppError('bad_request', 'name a FILE for an XLSX export, or redirect the output');
  }

  const { status, category, source, level, assignee, from, to, q } = values;
  const filter = { status, category, source, level, assignee, from, to, q } as Record<
    string,
    unknown
  >;
  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    const out = file ? createWriteStream(file) : process.stdout;
    const count = await writeSheet(exportRows(runtime.ledger, { filter }), out, {
      format: format as SheetFormat,
      language: values.lang as Language,
      timezone: runtime.settings.timezone,
      revealContact: values['with-contact'],
      onRow: (n) => {
        if (n % 1000 === 0) io.progress(`exported ${n} rows`);
      },
    });
    io.progress('');
    if (file) io.err(`Exported ${count} complaint(s) to ${file}`);
    return 0;
  } finally {
    await runtime.close();
  }
};
