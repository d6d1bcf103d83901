import { parseArgs } from 'node:util';
import { loadSettings } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { copyLedger } from '../../db/copy.ts';
import { migrate } from '../../db/migrate.ts';
import { type DatabaseTarget, describeDatabase, parseDatabaseUrl } from '../../db/url.ts';
import type { Command, Io } from '../io.ts';

const usage = `Usage: taizhang db migrate
       taizhang db copy --from URL    copy a whole ledger (e.g. file:./data/taizhang.db) into
                                      the empty database named by DATABASE_URL`;

async function migrateTarget(target: DatabaseTarget, io: Io) {
  const result = await migrate(target);
  io.out(
    `${describeDatabase(target)}: applied ${result.applied.length} migration(s)` +
      (result.applied.length ? ` (${result.applied.join(', ')})` : '') +
      `, ${result.skipped.length} already applied`,
  );
}

async function copyCommand(argv: string[], io: Io, target: DatabaseTarget): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' } } });
  if (!values.from) {
    io.err(usage);
    return 2;
  }
  const source = parseDatabaseUrl(values.from);
  if (describeDatabase(source) === describeDatabase(target)) {
    io.err('taizhang db copy: --from names the database DATABASE_URL names; nothing to copy');
    return 2;
  }
  // Both at the current schema, so every column has somewhere to go.
  await migrateTarget(source, io);
  await migrateTarget(target, io);
  const from = openDatabase(source);
  const to = openDatabase(target);
  try {
    const copied = await copyLedger(from, to);
    const counts = Object.entries(copied).map(([model, rows]) => `${rows} ${model}`);
    io.out(`copied ${counts.join(', ')} into ${describeDatabase(target)}`);
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
  return 0;
}

export const dbCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  const settings = loadSettings(io.env);
  const target = parseDatabaseUrl(settings.databaseUrl);
  if (sub === 'migrate') {
    await migrateTarget(target, io);
    return 0;
  }
  if (sub === 'copy') return copyCommand(rest, io, target);
  io.err(usage);
  return 2;
};
