/**
 * `taizhang user add --role ROLE [USERNAME]`: creates a console account. The password is asked
 * twice on the terminal without echo, or read from standard input with `--password-stdin`, never
 * from a flag (flags end up in shell history and process lists).
 */
import { parseArgs } from 'node:util';
import { addStaffUser } from '../../accounts/add-staff-user.ts';
import { AppError } from '../../errors.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import type { Command, Io } from '../io.ts';

const usage = `Usage: taizhang user add --role supervisor|agent|viewer [--username NAME]
       [--name "DISPLAY NAME"] [--team TEAM] [--password-stdin]`;

async function readPassword(io: Io, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    if (!io.readStdin) throw new AppError('bad_request', 'no standard input to read');
    return (await io.readStdin()).replace(/\r?\n$/, '');
  }
  if (!io.interactive || !io.ask) {
    throw new AppError('bad_request', 'no terminal to ask for the password; use --password-stdin');
  }
  const password = await io.ask('Password: ', { hidden: true });
  const again = await io.ask('Password again: ', { hidden: true });
  if (password !== again) throw new AppError('bad_request', 'the passwords differ');
  return password;
}

export const userCommand: Command = async (argv, io) => {
  const [action, ...rest] = argv;
  if (action !== 'add') {
    io.err(usage);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      team: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  if (!values.role) {
    io.err(usage);
    return 2;
  }
  let username = values.username ?? positionals[0];
  if (!username) {
    if (!io.interactive || !io.ask) throw new AppError('bad_request', 'give a --username');
    username = (await io.ask('Username: ')).trim();
  }
  const password = await readPassword(io, values['password-stdin']);

  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    const member = await addStaffUser(runtime.ledger, {
      input: {
        username,
        role: values.role as 'supervisor',
        password,
        ...(values.name ? { displayName: values.name } : {}),
        ...(values.team ? { team: values.team } : {}),
      },
    });
    io.out(`Created ${member.role} "${member.username}"; sign in at /login`);
    return 0;
  } finally {
    await runtime.close();
  }
};
