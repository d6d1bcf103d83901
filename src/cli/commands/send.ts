/**
 * `taizhang send forum|hotline FILE.json`: signs a payload with the channel's secret from the
 * settings and posts it to a running Taizhang, so a monitoring script posts in one line.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.ts';
import { sendSignedWebhook } from '../../intake/webhook-client.ts';
import { readEnvironment } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

const secretSetting: Record<string, string> = {
  hotline: 'HOTLINE_WEBHOOK_SECRET',
  forum: 'FORUM_WEBHOOK_SECRET',
};

export const sendCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, id: { type: 'string' } },
  });
  const [channel = '', file] = positionals;
  const setting = secretSetting[channel];
  if (!setting || !file) {
    io.err('Usage: taizhang send forum|hotline FILE.json [--url BASE_URL] [--id WEBHOOK_ID]');
    return 2;
  }
  const env = { ...readEnvironment(), ...io.env };
  const secret = env[setting];
  if (!secret) throw new AppError('config_invalid', `${setting} is not set`);
  const base = values.url ?? env.TAIZHANG_URL ?? 'http://127.0.0.1:8787';

  const body = await readFile(file, 'utf8');
  const result = await sendSignedWebhook({
    url: new URL(`/webhooks/${channel}`, base).toString(),
    secret,
    body,
    id: values.id,
  });
  io.out(`${result.status} ${JSON.stringify(result.body)} (webhook-id ${result.id})`);
  return result.status >= 200 && result.status < 300 ? 0 : 1;
};
