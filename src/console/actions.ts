/**
 * The complaint page's actions, each a ledger operation of the handling workflow: the one place
 * the console is wired to it. The REST API calls the same operations.
 */
import type { Actor } from '../http/env.ts';
import { addProgress } from '../ledger/add-progress.ts';
import { assignComplaint } from '../ledger/assign-complaint.ts';
import type { Origin } from '../ledger/audit-trail.ts';
import { changeStatus } from '../ledger/change-status.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { getComplaint } from '../ledger/get-complaint.ts';
import { recordFeedback } from '../ledger/record-feedback.ts';
import { resolveComplaint } from '../ledger/resolve-complaint.ts';
import { sendReply } from '../ledger/send-reply.ts';

export const actionNames = ['assign', 'progress', 'resolve', 'follow-up', 'reply'] as const;
export type ActionName = (typeof actionNames)[number];

export type Action = (
  ctx: LedgerContext,
  options: { ref: string; actor: Actor; origin: Origin; form: Record<string, string> },
) => Promise<void>;

const optional = (value: string | undefined) => (value?.trim() ? value : undefined);

export const actions: Record<ActionName, Action> = {
  assign: async (ctx, { ref, origin, form }) => {
    await assignComplaint(ctx, { ref, assignee: form.assignee ?? '', origin });
  },
  progress: async (ctx, { ref, origin, form }) => {
    await addProgress(ctx, { ref, input: { text: form.text ?? '' }, origin });
  },
  resolve: async (ctx, { ref, origin, form }) => {
    const solution = optional(form.solution);
    // Staff often settle a complaint on the spot (a walk-in, a call): resolving a pending one
    // from the page starts it first, so the status machine still sees every step.
    const row = await getComplaint(ctx, { ref });
    if (row.status === 'pending') await changeStatus(ctx, { ref, to: 'in_progress', origin });
    await resolveComplaint(ctx, {
      ref,
      input: { resolution: form.resolution ?? '', ...(solution ? { solution } : {}) },
      origin,
    });
  },
  'follow-up': async (ctx, { ref, origin, form }) => {
    const comment = optional(form.comment);
    const note = optional(form.note);
    await recordFeedback(ctx, {
      ref,
      input: {
        satisfaction: Number(form.satisfaction),
        ...(comment ? { comment } : {}),
        ...(note ? { note } : {}),
      },
      origin,
    });
  },
  reply: async (ctx, { ref, origin, form }) => {
    await sendReply(ctx, { ref, text: form.text ?? '', origin });
  },
};

/** Who may do what: assigning is a supervisor's; the rest is anyone who works complaints. */
export const actionPermission = {
  assign: 'assign',
  progress: 'work',
  resolve: 'work',
  'follow-up': 'work',
  reply: 'work',
} as const satisfies Record<ActionName, 'assign' | 'work'>;
