/** The Hono environment every route shares: the per-request logger and request id. */
import type { Logger } from '../logger.ts';

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
  };
}
