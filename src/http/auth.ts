/**
 * Who is calling: an API token (`Authorization: Bearer tzk_...`) or a console session cookie.
 * `identify` sets the actor when either is valid and refuses nothing; `requireActor` and
 * `requirePermission` refuse. Webhooks are not behind these: they check their own signatures.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findApiToken } from '../accounts/api-tokens.ts';
import { can, type Permission } from '../accounts/clearance.ts';
import { findSession } from '../accounts/sessions.ts';
import { AppError } from '../errors.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { AppEnv } from './env.ts';

export const sessionCookie = 'tz_session';

export function identify(ledger: LedgerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const token = await findApiToken(ledger, { token: bearer });
      if (!token) throw new AppError('unauthorized', 'unknown or revoked API token');
      c.set('actor', {
        id: `token:${token.name}`,
        name: token.name,
        role: token.role,
        via: 'token',
      });
      return next();
    }
    const cookie = getCookie(c, sessionCookie);
    if (cookie) {
      const session = await findSession(ledger, { token: cookie });
      if (session) {
        const { member } = session;
        c.set('actor', {
          id: member.username,
          name: member.displayName,
          role: member.role,
          via: 'session',
        });
        c.set('csrfToken', session.csrfToken);
      }
    }
    return next();
  };
}

export function isSignedIn(c: Context<AppEnv>): boolean {
  return c.get('actor') !== undefined;
}

export const requireActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isSignedIn(c)) {
    throw new AppError('unauthorized', 'no API token or session', {
      publicMessage: 'Sign in or send an API token (Authorization: Bearer ...)',
    });
  }
  return next();
};

/** Refuses an actor whose role lacks the permission; an anonymous caller gets 401 first. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertPermission(c, permission);
    return next();
  };
}

export function assertPermission(c: Context<AppEnv>, permission: Permission): void {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthorized', 'no API token or session');
  if (!can(actor, permission)) {
    throw new AppError('forbidden', `${actor.role} ${actor.id} lacks ${permission}`, {
      publicMessage: `Your role (${actor.role}) may not do this`,
    });
  }
}
