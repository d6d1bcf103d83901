/** Who and where a request comes from, for the audit trail: the actor, the request id, the IP. */
import type { Context } from 'hono';
import type { Origin } from '../ledger/audit-trail.ts';
import type { AppEnv } from './env.ts';

/** The client address: the proxy's header when there is one, else the socket's on Node. */
function clientIp(c: Context<AppEnv>): string | undefined {
  const forwarded = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0]?.trim();
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}

export function originOf(c: Context<AppEnv>): Origin {
  const actor = c.get('actor');
  const ip = clientIp(c);
  return {
    actor: actor?.id ?? 'anonymous',
    via: actor?.via ?? 'system',
    requestId: c.get('requestId'),
    ...(ip ? { ip } : {}),
  };
}
