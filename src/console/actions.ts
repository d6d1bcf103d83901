/**
 * The complaint page's actions, each a ledger operation. This is the one place the console is wired
 * to the handling workflow: an action whose operation does not exist yet answers `not_implemented`
 * and the page says so.
 */
import { AppError } from '../errors.ts';
import type { Actor } from '../http/env.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { setAssignee } from '../ledger/set-assignee.ts';

export const actionNames = ['assign', 'progress', 'resolve', 'follow-up', 'reply'] as const;
export type ActionName = (typeof actionNames)[number];

export type Action = (
  ctx: LedgerContext,
  options: { ref: string; actor: Actor; form: Record<string, string> },
) => Promise<void>;

const notWired =
  (name: ActionName): Action =>
  async (_ctx, { ref }) => {
    throw new AppError('not_implemented', `console action ${name} on ${ref} has no operation yet`, {
      publicMessage: 'This action is not connected to the handling workflow yet',
    });
  };

export const actions: Record<ActionName, Action> = {
  assign: async (ctx, { ref, actor, form }) => {
    await setAssignee(ctx, { ref, assignee: form.assignee ?? '', by: actor.id });
  },
  // Owed by the handling workflow (issue 5): add progress, resolve, follow up, reply.
  progress: notWired('progress'),
  resolve: notWired('resolve'),
  'follow-up': notWired('follow-up'),
  reply: notWired('reply'),
};

/** Who may do what: assigning is a supervisor's; the rest is anyone who works complaints. */
export const actionPermission = {
  assign: 'assign',
  progress: 'work',
  resolve: 'work',
  'follow-up': 'work',
  reply: 'work',
} as const satisfies Record<ActionName, 'assign' | 'work'>;
