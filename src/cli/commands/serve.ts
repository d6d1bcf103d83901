import { startServer } from '../../node/server.ts';
import { type Command, runUntilSignal } from '../io.ts';

export const serveCommand: Command = async (_argv, io) => {
  const server = await startServer({ env: io.env });
  return runUntilSignal(() => server.close());
};
