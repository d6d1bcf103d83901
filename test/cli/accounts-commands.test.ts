import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findApiToken } from '../../src/accounts/api-tokens.ts';
import { authenticateStaff } from '../../src/accounts/authenticate-staff.ts';
import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

function bufferIo(
  env: Record<string, string>,
  stdin = '',
): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    progress: () => {},
    env,
    ask: async () => {
      throw new Error('no terminal in tests');
    },
    readStdin: async () => stdin,
    interactive: false,
  };
}

describe('user and token commands', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeEach(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url };
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should create the first supervisor with the password from stdin', async () => {
    const io = bufferIo(env, 'a long enough password\n');

    const code = await main(
      ['user', 'add', '--role', 'supervisor', '--username', 'Chen', '--password-stdin'],
      io,
    );

    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain('Created supervisor "chen"');
    const signIn = await authenticateStaff(database.ledger, {
      username: 'chen',
      password: 'a long enough password',
    });
    expect(signIn.ok).toBe(true);
    const stored = await database.db.prisma.staffUser.findUniqueOrThrow({
      where: { username: 'chen' },
    });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
  });

  it('should refuse a short password and a taken username', async () => {
    const short = bufferIo(env, 'short\n');
    expect(
      await main(
        ['user', 'add', '--role', 'agent', '--username', 'wang', '--password-stdin'],
        short,
      ),
    ).toBe(1);
    expect(short.stderr.join('\n')).toContain('validation_failed');

    const args = ['user', 'add', '--role', 'agent', '--username', 'wang', '--password-stdin'];
    expect(await main(args, bufferIo(env, 'a long enough password'))).toBe(0);
    const again = bufferIo(env, 'a long enough password');
    expect(await main(args, again)).toBe(1);
    expect(again.stderr.join('\n')).toContain('[conflict]');
  });

  it('should ask for --password-stdin when there is no terminal', async () => {
    const io = bufferIo(env);

    expect(await main(['user', 'add', '--role', 'viewer', '--username', 'li'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('--password-stdin');
  });

  it('should print a token once, store only its digest, and revoke it', async () => {
    const io = bufferIo(env);

    expect(await main(['token', 'create', '--role', 'agent', '--name', 'crm'], io)).toBe(0);
    const token = io.stdout[0] ?? '';
    expect(token).toMatch(/^tzk_[\w-]{40,}$/);
    expect(await findApiToken(database.ledger, { token })).toEqual({ name: 'crm', role: 'agent' });
    const stored = await database.db.prisma.apiToken.findUniqueOrThrow({ where: { name: 'crm' } });
    expect(stored.tokenHash).not.toContain(token);

    expect(await main(['token', 'revoke', '--name', 'crm'], bufferIo(env))).toBe(0);
    expect(await findApiToken(database.ledger, { token })).toBeNull();
  });

  it('should refuse an unknown role', async () => {
    const io = bufferIo(env);

    expect(await main(['token', 'create', '--role', 'admin', '--name', 'x'], io)).not.toBe(0);
  });
});
