/** The Hono environment every route shares: the request id, its logger and who is acting. */
import type { Logger } from '../logger.ts';

export const roles = ['supervisor', 'agent', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Who performs a request: a signed-in member of staff, an API token, or the system itself. */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'system';
  via: 'session' | 'token' | 'system';
}

export const systemActor: Actor = { id: 'system', name: 'Taizhang', role: 'system', via: 'system' };

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by the authentication middleware; /api and the console refuse a request without one. */
    actor: Actor;
    /** The console session's CSRF token, when the actor signed in with a session cookie. */
    csrfToken: string | undefined;
  };
}
