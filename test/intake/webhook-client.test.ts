import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { sendSignedWebhook } from '../../src/intake/webhook-client.ts';
import { type RunningServer, startServer } from '../../src/node/server.ts';
import { createEmptyDatabase } from '../support/database.ts';
import { callRecord, forumPost, forumSecret, webhookEnv } from '../support/webhooks.ts';

const run = promisify(execFile);

function bufferIo(env: Record<string, string>): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), progress: () => {}, env };
}

describe('webhook senders', () => {
  let database: { url: string; remove(): Promise<void> };
  let server: RunningServer;
  let dir: string;
  beforeEach(async () => {
    database = await createEmptyDatabase();
    server = await startServer({
      env: { ...webhookEnv, DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' },
    });
    dir = mkdtempSync(join(tmpdir(), 'taizhang-send-'));
  });
  afterEach(async () => {
    await server.close();
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const prisma = () => server.runtime.db.prisma;

  it('should deliver with sendSignedWebhook and get the same answer when resending the id', async () => {
    const url = `${server.url}/webhooks/forum`;
    const first = await sendSignedWebhook({ url, secret: forumSecret, body: forumPost() });
    const again = await sendSignedWebhook({
      url,
      secret: forumSecret,
      body: forumPost(),
      id: first.id,
    });

    expect(first.status).toBe(201);
    expect(again).toEqual({ ...first, status: 200 });
    expect(await prisma().complaint.count()).toBe(1);
  });

  it('should post a file with `taizhang send` using the secret from the settings', async () => {
    const file = join(dir, 'posts.json');
    writeFileSync(
      file,
      JSON.stringify({ posts: [forumPost(), forumPost({ postId: '2', threadId: '2' })] }),
    );
    const io = bufferIo({ ...webhookEnv, TAIZHANG_URL: server.url });

    expect(await main(['send', 'forum', file], io)).toBe(0);
    expect(io.lines[0]).toMatch(/^201 .*"ref":"L001"/);
    expect(await prisma().complaint.count()).toBe(2);

    const unsigned = bufferIo({ TAIZHANG_URL: server.url });
    expect(await main(['send', 'hotline', file], unsigned)).toBe(1);
    expect(unsigned.lines[0]).toContain('HOTLINE_WEBHOOK_SECRET is not set');
  });

  it('should accept the README example of signing by hand with curl and openssl', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- signing-by-hand[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    writeFileSync(join(dir, 'call.json'), `${JSON.stringify(callRecord(), null, 2)}\n`);

    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block ?? ''], {
      cwd: dir,
      env: { ...process.env, ...webhookEnv, TAIZHANG_URL: server.url },
    });

    expect(JSON.parse(stdout)).toEqual({
      callId: 'C20261004-0042',
      ref: '001',
      outcome: 'created',
    });
  });
});
