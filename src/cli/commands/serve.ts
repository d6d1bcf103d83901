import { startServer } from '../../node/server.ts';
import type { Command } from '../io.ts';

export const serveCommand: Command = async (_argv, io) => {
  const server = await startServer({ env: io.env });
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
  return 0;
};
