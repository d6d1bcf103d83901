import { startWechaty } from '../../node/wechaty.ts';
import { type Command, runUntilSignal } from '../io.ts';

export const wechatyCommand: Command = async (_argv, io) => {
  const bot = await startWechaty({ env: io.env });
  return runUntilSignal(() => bot.close());
};
