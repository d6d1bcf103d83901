/**
 * The status machine: pending -> in_progress -> resolved -> closed (once followed up), and a
 * resolved or closed complaint may be reopened, which puts it back in progress. Any other move is
 * refused with 409 `invalid_transition`.
 */
import type { Status } from '../complaint/schema.ts';
import { AppError } from '../errors.ts';

export const transitions: Record<Status, readonly Status[]> = {
  pending: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function assertTransition(ref: string, from: string, to: Status): void {
  if ((transitions[from as Status] ?? []).includes(to)) return;
  throw new AppError('invalid_transition', `${ref}: ${from} -> ${to} is not a valid move`, {
    publicMessage: `A ${from} complaint cannot move to ${to}`,
  });
}

/** Still being handled: the clocks run and the sweep watches it. */
export const openStatuses: readonly Status[] = ['pending', 'in_progress'];
