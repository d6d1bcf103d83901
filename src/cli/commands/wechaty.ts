import { startWechaty } from '../../node/wechaty.ts';
import { type Command, runUntilSignal } from '../io.ts';

export const wechatyCommand: Command = async (_argv, io) => {
  return runUntilSignal(startWechaty({ env: io.env }));
};
