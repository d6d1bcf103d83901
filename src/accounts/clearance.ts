/**
 * What each role may do, in one table, and who may see a complainant's phone number in full:
 * supervisors (and the system itself) for any complaint, an agent only for complaints assigned to
 * them. Everyone else, and everyone by default, sees it masked.
 */
import type { Actor } from '../http/env.ts';
import type { Viewer } from '../ledger/present.ts';

export const permissions = {
  read: ['supervisor', 'agent', 'viewer', 'system'],
  register: ['supervisor', 'agent', 'system'],
  work: ['supervisor', 'agent', 'system'],
  assign: ['supervisor', 'system'],
  export: ['supervisor', 'system'],
  reports: ['supervisor', 'agent', 'viewer', 'system'],
  accounts: ['supervisor', 'system'],
  inbox: ['supervisor', 'system'],
} as const satisfies Record<string, readonly Actor['role'][]>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor, permission: Permission): boolean {
  return (permissions[permission] as readonly string[]).includes(actor.role);
}

/** A complaint's assignee holds a staff username, which is a session actor's id. */
export function isAssignedTo(actor: Actor, complaint: { assignee: string | null }): boolean {
  return actor.via === 'session' && complaint.assignee !== null && complaint.assignee === actor.id;
}

/** Whether the actor may ask to see this complaint's phone number in full. */
export function mayRevealContact(actor: Actor, complaint: { assignee: string | null }): boolean {
  if (actor.role === 'supervisor' || actor.role === 'system') return true;
  return actor.role === 'agent' && isAssignedTo(actor, complaint);
}

/**
 * The viewer a complaint is presented to. The phone shows in full only when the actor asked to
 * reveal it (an audited act, see reveal-contact.ts) and may do so.
 */
export function viewerFor(
  actor: Actor,
  complaint: { assignee: string | null },
  options: { revealed?: boolean } = {},
): Viewer {
  return { seesContact: options.revealed === true && mayRevealContact(actor, complaint) };
}
