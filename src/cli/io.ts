import { readEnvironment } from '../node/runtime.ts';

/** Where commands write: the terminal, or a buffer in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current terminal line, for progress; a no-op when not a terminal. */
  progress(line: string): void;
  env: Record<string, string | undefined>;
  /** Asks on the terminal; `hidden` does not echo what is typed (passwords). */
  ask?(question: string, options?: { hidden?: boolean }): Promise<string>;
  /** Everything on standard input, for `--password-stdin`. */
  readStdin?(): Promise<string>;
  /** Whether a person is at the terminal to answer questions; absent means no. */
  interactive?: boolean;
  /** Ends a command that runs until stopped (`telegram poll`), as Ctrl-C does at a terminal. */
  stop?: AbortSignal;
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
    ask,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    },
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  };
}

/** Reads one line from the terminal; with `hidden`, keystrokes are read raw and not echoed. */
async function ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  if (!options.hidden || !stdin.isTTY) {
    const { createInterface } = await import('node:readline/promises');
    const lines = createInterface({ input: stdin, terminal: false });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * For long-running commands: runs until SIGINT or SIGTERM, then closes and exits. The handlers go
 * in before the start finishes, so a signal during start-up (a quick stop, or a SIGTERM some
 * dependency's own listener would swallow) still ends in a clean close.
 */
export async function runUntilSignal(started: Promise<{ close(): Promise<void> }>): Promise<never> {
  const stop = () => {
    started
      .then((running) => running.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await started;
  } catch (error) {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    throw error;
  }
  return new Promise<never>(() => {});
}
