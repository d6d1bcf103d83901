/**
 * The product's pino logger, writing JSON lines to the console: on Workers the console is where
 * logs go (`wrangler tail`, Workers Logs). Wrangler bundles pino's browser build, which gets
 * `browserWrite`; the Node build, should a bundler pick it, gets `destination`. Both redact.
 */
import { createLogger, type Logger } from '../logger.ts';

function printLine(line: string) {
  // biome-ignore lint/suspicious/noConsole: the console is the Workers runtime's log sink.
  console.log(line);
}

export function createWorkerLogger(level: string): Logger {
  return createLogger({
    level,
    destination: { write: (line: string) => printLine(line.trimEnd()) },
    browserWrite: (entry) => printLine(JSON.stringify(entry)),
  });
}
