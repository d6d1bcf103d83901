/**
 * The one structured logger. Library code receives it (never imports a global); personal data and
 * secrets are redacted here, so a careless field cannot leak a phone number or a message text.
 */
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any depth the paths below cover. */
const redactedKeys = [
  'phone',
  'complainantPhone',
  'contact',
  'content',
  'text',
  'body',
  'transcript',
  'name',
  'complainantName',
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
];

const redactPaths = redactedKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * Errors as pino writes them, but Prisma's: its text prints the call's arguments (message texts,
 * phone numbers, names) between "Invalid `...` invocation" and the cause, in message and stack.
 * Only the cause, the last paragraph, is kept, and the stack keeps its frames.
 */
function serializeError(error: Error) {
  const serialized = pino.stdSerializers.err(error);
  const message = typeof serialized.message === 'string' ? serialized.message : '';
  if (!/Invalid `[^`]*` invocation/.test(message)) return serialized;
  const cause =
    message
      .trim()
      .split(/\n\s*\n/)
      .at(-1) ?? '';
  const frames = (serialized.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    ...serialized,
    message: cause,
    stack: [`${serialized.type}: ${cause}`, ...frames].join('\n'),
  };
}

export interface LoggerOptions {
  level?: string;
  destination?: pino.DestinationStream;
  /** For bundles that resolve pino's browser build (Workers): where its log objects go. */
  browserWrite?: (entry: object) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const { browserWrite } = options;
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'taizhang' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
      // The browser build redacts only log objects (asObject); serialize turns errors into fields.
      ...(browserWrite
        ? {
            browser: { asObject: true, serialize: true, write: browserWrite },
          }
        : {}),
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests and for commands that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
