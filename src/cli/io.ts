import { readEnvironment } from '../node/runtime.ts';

/** Where commands write: the terminal, or a buffer in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current terminal line, for progress; a no-op when not a terminal. */
  progress(line: string): void;
  env: Record<string, string | undefined>;
}

export type Command = (argv: string[], io: Io) => Promise<number>;

export function consoleIo(): Io {
  const tty = process.stderr.isTTY;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: (line) => {
      if (tty) process.stderr.write(`\r${line}\u001b[K`);
    },
    env: readEnvironment(),
  };
}
