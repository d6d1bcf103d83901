import { loadSettings } from '../../config.ts';
import { migrate } from '../../db/migrate.ts';
import { describeDatabase, parseDatabaseUrl } from '../../db/url.ts';
import type { Command } from '../io.ts';

export const dbCommand: Command = async (argv, io) => {
  if (argv[0] !== 'migrate') {
    io.err('Usage: taizhang db migrate');
    return 2;
  }
  const settings = loadSettings(io.env);
  const target = parseDatabaseUrl(settings.databaseUrl);
  const result = await migrate(target);
  io.out(
    `${describeDatabase(target)}: applied ${result.applied.length} migration(s)` +
      (result.applied.length ? ` (${result.applied.join(', ')})` : '') +
      `, ${result.skipped.length} already applied`,
  );
  return 0;
};
