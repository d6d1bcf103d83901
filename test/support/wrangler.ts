/**
 * The worker on the real runtime: `wrangler dev --local` runs src/worker.ts in workerd (the binary
 * from the @cloudflare/workerd-<platform> npm package) on loopback, over a local D1 that
 * `wrangler d1 migrations apply --local` has migrated from prisma/migrations/sqlite as they are.
 * Everything stays on this machine: no metrics, no error reports, no update check, no cf.json.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mintApiToken } from '../../src/accounts/api-tokens.ts';
import { type Child, freePort, spawnChild, waitFor } from './child.ts';

const root = join(import.meta.dirname, '../..');
const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js');

export interface LocalWorker {
  url: string;
  child: Child;
  /** `Authorization` for /api: a supervisor API token stored in the local D1 before start. */
  apiHeaders: Record<string, string>;
  /** How long migrating D1 and starting wrangler dev took. */
  startup: { migrateMs: number; readyMs: number };
  close(): Promise<void>;
}

function offlineEnv(stateDir: string): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: stateDir,
    CI: 'true',
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    // The banner is what asks the registry for a newer wrangler.
    WRANGLER_HIDE_BANNER: 'true',
    WRANGLER_LOG_PATH: join(stateDir, 'logs'),
    // Miniflare would otherwise fetch request.cf data from workers.cloudflare.com.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    MINIFLARE_CACHE_DIR: join(stateDir, 'cache'),
  };
}

export interface LocalWorkerOptions {
  /** Worker bindings (`--var`), the way `[vars]` and secrets reach it: put channel secrets here. */
  vars?: Record<string, string>;
  /** Another entry than wrangler.toml's `main` (src/worker.ts), with the same configuration. */
  entry?: string;
}

/** Migrates a fresh local D1 and serves the worker on a free loopback port. */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const stateDir = mkdtempSync(join(tmpdir(), 'taizhang-worker-'));
  const env = offlineEnv(stateDir);
  const persist = ['--persist-to', join(stateDir, 'state')];

  const started = performance.now();
  await promisify(execFile)(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', ...persist],
    { cwd: root, env, timeout: 120_000 },
  );
  const { token, tokenHash } = await mintApiToken();
  // The digest is hex and the name fixed, so the statement has nothing to escape.
  const insert = `INSERT INTO api_token (name, role, token_hash) VALUES ('worker-test', 'supervisor', '${tokenHash}')`;
  await promisify(execFile)(
    process.execPath,
    [wrangler, 'd1', 'execute', 'DB', '--local', ...persist, '--command', insert],
    { cwd: root, env, timeout: 120_000 },
  );
  const migrated = performance.now();

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = ['dev', ...(options.entry ? [options.entry] : []), '--local', ...persist];
  args.push('--ip', '127.0.0.1', '--port', String(port));
  args.push('--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false');
  // Exposes /__scheduled, through which a test fires the cron trigger.
  args.push('--test-scheduled');
  for (const [name, value] of Object.entries(options.vars ?? {})) {
    args.push('--var', `${name}:${value}`);
  }
  const child = spawnChild(process.execPath, [wrangler, ...args], { cwd: root, env });
  const url = `http://127.0.0.1:${port}`;

  const close = async () => {
    await child.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    await waitFor('wrangler dev serving', child, async () => {
      const response = await fetch(`${url}/healthz`);
      return response.ok ? true : undefined;
    });
  } catch (error) {
    await close();
    throw error;
  }
  const ready = performance.now();

  return {
    url,
    child,
    apiHeaders: { authorization: `Bearer ${token}` },
    startup: { migrateMs: Math.round(migrated - started), readyMs: Math.round(ready - migrated) },
    close,
  };
}
