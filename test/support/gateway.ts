/** A gateway process as production runs it: `node bin/taizhang.js serve` with settings in env. */
import { join } from 'node:path';
import { type Child, spawnChild, waitFor } from './child.ts';

const root = join(import.meta.dirname, '../..');

export interface Gateway {
  url: string;
  child: Child;
}

/** Starts `taizhang serve` on a free port and resolves once it says where it listens. */
export async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const child = spawnChild(process.execPath, [join(root, 'bin/taizhang.js'), 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  const url = await waitFor('taizhang serve listening', child, () => {
    return /Taizhang listening on (http:\/\/[\d.:]+)/.exec(child.output())?.[1];
  });
  return { url, child };
}
