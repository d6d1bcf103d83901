/**
 * One turn of a conversation: the customer's message over the state read from the database gives
 * the next state and the replies. In order: an idle intake expires; a follow-up answer goes to the
 * follow-up; the commands (status, cancel, agent, help) work at any step; other kinds of message
 * are attached, pinned or politely refused; and text answers the step.
 */

import type { LedgerContext } from '../ledger/context.ts';
import { flagHandoff } from '../ledger/flag-handoff.ts';
import { parseCommand } from './commands.ts';
import { answerDue, formatMoment, ownComplaints, registerDraft, statusView } from './complaint.ts';
import { readFeedbackValue, readScore } from './follow-up.ts';
import { type ConversationState, intakeSteps } from './state.ts';
import { answerStep, isLongDescription, prompt, type StepContext } from './steps.ts';
import { freshState, linkSession } from './store.ts';
import { texts } from './texts.ts';
import type { ChatReply, FollowUpPort, InboundChatMessage } from './types.ts';

export interface TurnOptions {
  ledger: LedgerContext;
  followUps?: FollowUpPort;
  idleMs: number;
  answerWithinHours: number;
}

export interface Turn {
  state: ConversationState;
  replies: ChatReply[];
  /** The session this turn's messages belong to (the old one when the turn ended it). */
  logSession: string;
  logRef: string | null;
  /** Work done once the new state is saved, so a turn run again does it once. */
  after: Array<() => Promise<unknown>>;
}

const inIntake = (state: ConversationState) => intakeSteps.includes(state.step);

export async function runTurn(
  options: TurnOptions,
  read: { state: ConversationState; updatedAt: Date | null },
  message: InboundChatMessage,
  now: Date,
): Promise<Turn> {
  const { ledger } = options;
  let state: ConversationState = {
    ...read.state,
    language: message.language ?? read.state.language,
  };
  const text = texts[state.language];
  const context: StepContext = { text, language: state.language, categories: ledger.categories };
  const notes: ChatReply[] = [];
  const done = (
    next: ConversationState,
    replies: ChatReply[],
    extra: Partial<Omit<Turn, 'state' | 'replies'>> = {},
  ): Turn => ({
    state: next,
    replies: [...notes, ...replies],
    logSession: extra.logSession ?? next.session,
    logRef: extra.logRef !== undefined ? extra.logRef : next.complaintRef,
    after: extra.after ?? [],
  });
  const reprompt = () => (inIntake(state) ? prompt(state, context) : []);

  // A conversation left mid-intake for longer than the idle limit starts again.
  const idle = read.updatedAt && now.getTime() - read.updatedAt.getTime() > options.idleMs;
  if (idle && state.step !== 'idle') {
    if (inIntake(state)) notes.push({ text: text.expired });
    state = { ...freshState(state.language, now), handoffAt: state.handoffAt };
  }

  const answer = message.text?.trim() ?? '';

  const followUp = await readFollowUp(options, message, answer, inIntake(state));
  if (followUp) {
    if (!followUp.ref) return done(state, [{ text: text.followUpClosed }]);
    const { ref, satisfaction } = followUp;
    const record = async () => options.followUps?.answer({ ref, satisfaction, at: now });
    return done(state, [{ text: text.followUpThanks(ref, satisfaction) }], { after: [record] });
  }

  const command = parseCommand(message.text);
  switch (command?.name) {
    case 'help':
      return done(state, [{ text: text.help }, ...reprompt()]);
    case 'cancel': {
      if (!inIntake(state)) return done(state, [{ text: text.nothingToCancel }]);
      const ended = freshState(state.language, now);
      return done(ended, [{ text: text.cancelled }], { logSession: state.session, logRef: null });
    }
    case 'agent': {
      const flagged = { ...state, handoffAt: now };
      const ref = state.complaintRef;
      const flag = () =>
        ref ? flagHandoff(ledger, { ref, channel: message.channel, at: now }) : Promise.resolve();
      return done(flagged, [{ text: text.handoff }], { after: [flag] });
    }
    case 'status':
      return done(state, [await statusReply(options, message, command.ref, state), ...reprompt()]);
    case 'start':
      return done(...startIntake(state, now, context));
  }

  if (message.kind === 'unsupported') return done(state, [{ text: text.textOnly }, ...reprompt()]);

  if (message.media) {
    const { kind, url, mimeType } = message.media;
    const attachment = { kind, url, ...(mimeType ? { mimeType } : {}) };
    const base = inIntake(state) ? state : startIntake(state, now, context)[0];
    const attached = {
      ...base,
      draft: { ...base.draft, attachments: [...base.draft.attachments, attachment] },
    };
    // A first photo whose caption tells the problem at length: the caption is the description.
    if (!inIntake(state) && isLongDescription(answer)) {
      const described = { ...attached, draft: { ...attached.draft, description: answer } };
      return done(described, [
        { text: `${text.welcome}\n${text.descriptionTaken}` },
        { text: text.mediaAttached },
        ...prompt(described, context),
      ]);
    }
    // Media with the platform's recognition text also answers the step; without, it waits.
    if (!answer || !inIntake(state)) {
      return done(attached, [{ text: text.mediaAttached }, ...prompt(attached, context)]);
    }
    state = attached;
  }

  if (message.location) {
    const { label, latitude, longitude } = message.location;
    const pin = label ?? `${latitude}, ${longitude}`;
    const started = inIntake(state) ? state : startIntake(state, now, context)[0];
    if (started.step === 'location') {
      const result = answerStep(started, pin, context);
      return done(result.state, result.replies);
    }
    const pinned = { ...started, draft: { ...started.draft, pin } };
    return done(pinned, prompt(pinned, context));
  }

  if (!inIntake(state)) {
    const [started, replies] = startIntake(state, now, context);
    // A first message that already tells the problem at length is the description.
    if (answer && isLongDescription(answer) && message.kind !== 'follow') {
      const described = { ...started, draft: { ...started.draft, description: answer } };
      return done(described, [
        { text: `${text.welcome}\n${text.descriptionTaken}` },
        ...replies.slice(1),
      ]);
    }
    if (answer === 'confirm' && state.complaintRef) {
      return done(state, [{ text: text.alreadyRegistered(state.complaintRef) }]);
    }
    return done(started, replies);
  }

  const result = answerStep(state, answer, context);
  if (result.cancelled) {
    const ended = freshState(state.language, now);
    return done(ended, [{ text: text.cancelled }], { logSession: state.session, logRef: null });
  }
  if (!result.confirmed) return done(result.state, result.replies);

  const row = await registerDraft(ledger, {
    channel: message.channel,
    userId: message.userId,
    state: result.state,
  });
  const due = answerDue(row, options.answerWithinHours, now);
  const answerBy = formatMoment(due, state.language, ledger.timezone);
  const registered = { ...result.state, step: 'done' as const, complaintRef: row.ref };
  const link = () => linkSession(ledger, registered.session, row.ref);
  // A customer who asked for a person during this intake: the complaint carries the flag.
  const { handoffAt } = registered;
  const askedNow = handoffAt && handoffAt.getTime() >= registered.startedAt.getTime();
  const flag = async () =>
    askedNow && flagHandoff(ledger, { ref: row.ref, channel: message.channel, at: handoffAt });
  return done(registered, [{ text: text.registered(row.ref, answerBy) }], {
    after: [link, flag],
  });
}

/** A new intake: a new session, the welcome and the category menu. */
function startIntake(
  state: ConversationState,
  now: Date,
  context: StepContext,
): [ConversationState, ChatReply[]] {
  const started: ConversationState = {
    ...freshState(state.language, now),
    step: 'category',
    handoffAt: state.handoffAt,
  };
  const [menu] = prompt(started, context);
  return [started, [{ text: context.text.welcome }, ...(menu ? [menu] : [])]];
}

/** A follow-up answer: a feedback choice's value, or a bare score while one is pending. */
async function readFollowUp(
  options: TurnOptions,
  message: InboundChatMessage,
  answer: string,
  midIntake: boolean,
): Promise<{ ref?: string; satisfaction: number } | undefined> {
  const value = readFeedbackValue(answer);
  if (value) {
    const pending = await options.followUps?.pending(message.channel, message.userId);
    return pending?.ref === value.ref ? value : { satisfaction: value.satisfaction };
  }
  const score = readScore(answer);
  if (score === undefined || midIntake || !options.followUps) return undefined;
  const pending = await options.followUps.pending(message.channel, message.userId);
  return pending ? { ref: pending.ref, satisfaction: score } : undefined;
}

async function statusReply(
  options: TurnOptions,
  message: InboundChatMessage,
  ref: string | undefined,
  state: ConversationState,
): Promise<ChatReply> {
  const text = texts[state.language];
  const { ledger } = options;
  const rows = await ownComplaints(ledger, {
    channel: message.channel,
    userId: message.userId,
    ref,
  });
  if (ref) {
    const [row] = rows;
    if (!row) return { text: text.notFound(ref) };
    return { text: text.status(statusView(row, text, state.language, ledger.timezone)) };
  }
  if (rows.length === 0) return { text: text.noComplaints };
  const lines = rows.map((row) => {
    const view = statusView(row, text, state.language, ledger.timezone);
    return `${view.ref} ${view.category} ${view.status}`;
  });
  return { text: text.ownComplaints(lines) };
}
