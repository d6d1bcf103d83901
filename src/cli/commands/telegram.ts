/**
 * `taizhang telegram poll`: the Telegram bot by long polling, for development machines Telegram
 * cannot reach. Needs only TELEGRAM_BOT_TOKEN; the conversations land in DATABASE_URL's ledger as
 * the webhook's do. Runs until Ctrl-C (or the io's stop signal).
 */
import { pollTelegram, readTelegramConfig } from '../../../channels/telegram/index.ts';
import { chatEngineFromEnv } from '../../chat/config.ts';
import { AppError } from '../../errors.ts';
import { openRuntime } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

export const telegramCommand: Command = async (argv, io) => {
  if (argv[0] !== 'poll' || argv.length > 1) {
    io.err('Usage: taizhang telegram poll');
    return 2;
  }
  const settings = readTelegramConfig(io.env);
  if (!settings.on) throw new AppError('config_invalid', settings.reason);

  const runtime = await openRuntime({ env: io.env });
  const { ledger, logger } = runtime;
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  io.stop?.addEventListener('abort', stop, { once: true });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await pollTelegram({
      config: settings.config,
      engine: chatEngineFromEnv({ ledger, logger, env: runtime.settings.env }),
      ledger,
      logger,
      signal: stopping.signal,
      onStart: () => io.err('taizhang telegram: polling for updates (Ctrl-C stops)'),
    });
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await runtime.close();
  }
};
