/** Runs the `taizhang` command in-process with captured output. */

import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  argv: string[],
  env: Record<string, string>,
  options: Pick<Io, 'stop'> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: () => {},
    env: { LOG_LEVEL: 'silent', ...env },
    stop: options.stop,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
