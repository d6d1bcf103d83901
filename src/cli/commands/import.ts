import { parseArgs } from 'node:util';
import { AppError } from '../../errors.ts';
import { importLedger } from '../../ledger/import-ledger.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import { readSheet } from '../../spreadsheet/read.ts';
import type { Command } from '../io.ts';

export const importCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) {
    io.err('Usage: taizhang import FILE.csv|FILE.xlsx [--dry-run] [--year YYYY] [--skip-invalid]');
    return 2;
  }
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
    throw new AppError('bad_request', `--year must be a year such as 2025, not "${values.year}"`);
  }

  const sheet = await readSheet(file);
  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    const report = await importLedger(runtime.ledger, {
      sheet,
      year,
      dryRun: values['dry-run'],
      skipInvalid: values['skip-invalid'],
      onProgress: (done, total) => io.progress(`importing ${done}/${total}`),
    });
    io.progress('');
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      printReport(report, io);
    }
    return report.invalid.length > 0 && !values['skip-invalid'] ? 1 : 0;
  } finally {
    await runtime.close();
  }
};

function printReport(report: Awaited<ReturnType<typeof importLedger>>, io: Parameters<Command>[1]) {
  io.out(`${report.rows} row(s) read, ${report.valid} valid, ${report.invalid.length} problem(s)`);
  for (const problem of report.invalid) {
    io.err(`  row ${problem.row}, column ${problem.column}: ${problem.message}`);
  }
  const years = Object.entries(report.assumedYears);
  if (years.length > 0) {
    io.out(`Year: ${report.yearRule}: ${years.map(([y, n]) => `${y} for ${n} row(s)`).join(', ')}`);
  }
  for (const [category, rows] of Object.entries(report.unknownCategories)) {
    io.out(
      `Category "${category}" is not in the configured list; kept as written (rows ${rows.join(', ')})`,
    );
  }
  if (report.ignoredColumns.length > 0) {
    io.out(`Columns not imported: ${report.ignoredColumns.join(', ')}`);
  }
  if (report.dryRun) {
    io.out('Dry run: nothing was written.');
  } else if (!report.written) {
    io.out(
      'Nothing was written: fix the rows above, or pass --skip-invalid to import the valid ones.',
    );
  } else {
    io.out(`Created ${report.created.length}: ${report.created.join(' ') || '-'}`);
    io.out(
      `Already in the ledger ${report.alreadyInLedger.length}: ${report.alreadyInLedger.join(' ') || '-'}`,
    );
  }
}
