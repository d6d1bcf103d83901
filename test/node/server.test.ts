/**
 * Starts the real `taizhang serve` process, as `npm start` does, and talks to it over HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../support/database.ts';

const bin = join(import.meta.dirname, '../../bin/taizhang.js');

interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
}

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${lines.join('\n')}`)),
      20_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code}:\n${lines.join('\n')}`)),
    );
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (l) =>
      lines.push(l),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const url = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, lines });
      }
    });
  });
}

describe('taizhang serve', () => {
  let started: Started | undefined;
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    if (started?.child.exitCode === null) {
      const exited = new Promise((resolve) => started?.child.once('exit', resolve));
      started.child.kill('SIGTERM');
      await exited;
    }
    await remove?.();
  });

  it('should migrate, say where it listens and which database, and answer health and API', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    started = await start({ DATABASE_URL: empty.url });

    const startLine = JSON.parse(started.lines.find((l) => l.includes('listening')) ?? '{}');
    expect(startLine.database).toMatch(/^(SQLite|PostgreSQL) /);
    expect(startLine.msg).toContain(started.url);
    expect(JSON.stringify(started.lines)).not.toMatch(/postgres:\/\/[^"]*@/);

    const health = await fetch(`${started.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true });

    const created = await fetch(`${started.url}/api/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'referral',
        complainant: { name: '姚女士', phone: '13912345678' },
        content: '房产证两年未办下来',
        category: '客户服务',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBeTruthy();
  });

  it('should keep phone numbers and message text out of its logs', async () => {
    const empty = await createEmptyDatabase();
    remove = empty.remove;
    started = await start({ DATABASE_URL: empty.url });

    await fetch(`${started.url}/api/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'referral',
        complainant: { name: '保密先生', phone: '13700001111' },
        content: '这段投诉内容不应出现在日志中',
        category: '客户服务',
      }),
    });
    await fetch(`${started.url}/api/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'referral', content: 13700001111, category: 1 }),
    });

    const log = started.lines.join('\n');
    expect(log).toContain('"requestId"');
    expect(log).not.toContain('13700001111');
    expect(log).not.toContain('保密先生');
    expect(log).not.toContain('不应出现在日志中');
  });

  it('should stop with a clear message on a bad setting', async () => {
    const child = spawn(process.execPath, [bin, 'serve'], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'file:/tmp/never.db' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('[config_invalid]');
    expect(stderr).not.toContain('    at ');
  });
});
