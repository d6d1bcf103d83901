/**
 * `npm run wechaty` as its users run it: the real script in a child process, the mock puppet,
 * a real database, and no way out to the network (the preload reports any attempt).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Child, spawnChild, waitFor } from '../../support/child.ts';
import { createEmptyDatabase } from '../../support/database.ts';
import { until } from './support.ts';

const root = join(import.meta.dirname, '../../..');
const preload = join(root, 'test/support/no-network-preload.ts');

let child: Child | undefined;
let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await child?.stop();
  await remove?.();
  child = undefined;
});

describe('npm run wechaty', () => {
  // A cold start (tsx compiling the sources and wechaty loading, nothing cached in a fresh clone)
  // took over a minute in CI beside the rest of the suite; the test waits on the ready line.
  it('should start against the mock puppet, say it is ready, and stop cleanly on SIGTERM', {
    timeout: 240_000,
  }, async () => {
    const database = await createEmptyDatabase();
    remove = database.remove;
    child = spawnChild('npm', ['run', '--silent', 'wechaty'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        WECHATY_PUPPET: 'wechaty-puppet-mock',
        LOG_LEVEL: 'info',
        npm_config_update_notifier: 'false',
        NODE_OPTIONS: `--import tsx --import ${preload}`,
      },
    });
    const running = child;

    await waitFor(
      'the ready line',
      running,
      () => (running.output().includes('Wechaty bot ready') ? true : undefined),
      180_000,
    );
    // To npm alone, as a service manager does: npm passes the signal on to the bot.
    running.process.kill('SIGTERM');
    const code = await running.exited;

    expect(code).toBe(0);
    // Nothing of the process group is left running (the bot does not outlive npm).
    const group = -(running.process.pid as number);
    await until('the process group to end', async () => {
      try {
        process.kill(group, 0);
        return false;
      } catch {
        return true;
      }
    });
    expect(running.output()).not.toContain('network attempt blocked');
    expect(running.output()).toContain('"puppet":"wechaty-puppet-mock"');
  });

  it('should refuse to start without WECHATY_PUPPET and say why', async () => {
    const database = await createEmptyDatabase();
    remove = database.remove;
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: database.url };
    delete env.WECHATY_PUPPET;
    child = spawnChild(process.execPath, ['bin/taizhang.js', 'wechaty'], { cwd: root, env });

    const code = await child.exited;

    expect(code).toBe(1);
    expect(child.output()).toContain('WECHATY_PUPPET is not set [config_invalid]');
  });
});
