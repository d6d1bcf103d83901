import { startServer } from '../../node/server.ts';
import { type Command, runUntilSignal } from '../io.ts';

export const serveCommand: Command = async (_argv, io) => {
  return runUntilSignal(startServer({ env: io.env }));
};
