/**
 * The `taizhang` command: one entry, one table from sub-command to handler. Each handler parses its
 * own flags with node:util's parseArgs and returns an exit code; errors become one clear line.
 */
import { AppError } from '../errors.ts';
import { auditCommand } from './commands/audit.ts';
import { dbCommand } from './commands/db.ts';
import { escalateCommand } from './commands/escalate.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { inboxCommand } from './commands/inbox.ts';
import { sendCommand } from './commands/send.ts';
import { serveCommand } from './commands/serve.ts';
import { telegramCommand } from './commands/telegram.ts';
import { tokenCommand } from './commands/token.ts';
import { userCommand } from './commands/user.ts';
import { wechatyCommand } from './commands/wechaty.ts';
import type { Command } from './io.ts';
import { consoleIo } from './io.ts';

const commands: Record<string, Command> = {
  serve: serveCommand,
  db: dbCommand,
  import: importCommand,
  export: exportCommand,
  user: userCommand,
  token: tokenCommand,
  inbox: inboxCommand,
  send: sendCommand,
  telegram: telegramCommand,
  wechaty: wechatyCommand,
  escalate: escalateCommand,
  audit: auditCommand,
};

const usage = `Usage: taizhang <command> [options]

Commands:
  serve                      serve the API and webhooks (same as npm start)
  db migrate                 apply the database migrations
  db copy --from URL         copy a whole ledger into the empty DATABASE_URL (SQLite to PostgreSQL)
  import FILE                import a CSV or XLSX ledger (--dry-run, --year YYYY, --skip-invalid)
  export [FILE]              export the ledger as XLSX or CSV (--format, --lang, filters)
  user add --role ROLE       create a console account (asks for the password, or --password-stdin)
  token create --role ROLE --name NAME
                             print a new API token; token revoke --name NAME stops one
  inbox list|replay          list dead letters; replay them after a fix (--status, --channel)
  send forum|hotline FILE    sign FILE.json with the channel's secret and post it (--url)
  telegram poll              run the Telegram bot by long polling (development; no webhook)
  wechaty                    run the personal WeChat bot (WECHATY_PUPPET; same as npm run wechaty)
  escalate                   run the escalation sweep once and print a summary (--json)
  audit verify               check the audit trail's hash chain; exit 1 naming the first break

Settings come from the environment or .env: DATABASE_URL, PORT, ... (see README.md).`;

export async function main(argv: string[], io = consoleIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`taizhang: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`taizhang ${name}: ${error.message} [${error.code}]`);
      for (const issue of error.issues ?? []) io.err(`  ${issue.path}: ${issue.message}`);
      return 1;
    }
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.err(`taizhang ${name}: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}
