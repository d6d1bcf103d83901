/**
 * A PostgreSQL cluster of the test's own (initdb and pg_ctl from the Debian packages), on a free
 * loopback port in a temporary directory, so a test can stop and restart the database under a
 * running server without touching the shared one on 5432. PostgreSQL refuses to run as root, so
 * as root the binaries run as the `postgres` system user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const root = '/usr/lib/postgresql';
const runAs = 'postgres';

/** The newest installed version's bin directory, or undefined when there is none. */
export function postgresBinDir(): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter(
      (v) =>
        existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export interface PrivatePostgres {
  /** A database made for the test, owned by the `postgres` role, with trust auth on loopback. */
  url: string;
  /** `pg_ctl stop -m immediate`: no shutdown checkpoint, recovery from WAL on the next start. */
  crash(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', runAs]);
    const { stdout: group } = await run('id', ['-g', runAs]);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const exec = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', runAs, '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);

  const port = await freePort();
  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -c max_connections=50`;
  const start = async () => {
    await exec('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '120',
      '-o',
      options,
      'start',
    ]);
  };
  await start();

  const admin = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  await admin.query('CREATE DATABASE taizhang');
  await admin.end();

  const stop = (mode: 'immediate' | 'fast') =>
    exec('pg_ctl', ['-D', data, '-w', '-t', '120', '-m', mode, 'stop']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/taizhang`,
    crash: async () => {
      await stop('immediate');
    },
    start,
    remove: async () => {
      await stop('fast').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
