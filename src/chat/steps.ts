/**
 * The intake steps: category, what happened, name, phone, where, and the summary to confirm. Each
 * step has a prompt and reads one answer; an answer it cannot use is asked again. Pure functions
 * over the conversation state (registration, the one effect, is handed in as `register`).
 */
import { categoryLabel } from '../complaint/categories.ts';
import { isSkip } from './commands.ts';
import { describePlace, readPlace } from './location.ts';
import { readPhone } from './phone.ts';
import type { ConversationState, Draft, Language, Step } from './state.ts';
import type { Texts } from './texts.ts';
import type { ChatChoice, ChatReply } from './types.ts';

export interface StepContext {
  text: Texts;
  language: Language;
  categories: readonly string[];
}

export interface StepResult {
  state: ConversationState;
  replies: ChatReply[];
  /** Set when the answer confirmed the summary: the engine registers the complaint. */
  confirmed?: boolean;
  /** The customer picked "cancel" from the summary's choices. */
  cancelled?: boolean;
}

/** Choice values the steps put on buttons; a numbered answer maps to the same value. */
export const choiceValues = { skip: 'skip', confirm: 'confirm', restart: 'restart' } as const;

/** A description at length: enough to act on without asking "what happened". */
export function isLongDescription(text: string): boolean {
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const words = text.trim().split(/\s+/).length;
  return cjk >= 20 || words >= 12;
}

/**
 * How much of the description the summary repeats: the whole of it can run to 20,000 characters,
 * Telegram and LINE clip a message at 4,096 and 5,000, which cut off the summary's name, phone
 * and place and its numbered choices, and WeChat passes it whole. The complaint keeps all of it.
 */
const summaryDescription = 500;

const shortened = (text: string) =>
  text.length > summaryDescription ? `${text.slice(0, summaryDescription)}…` : text;

/** The smallest answer taken as a description. */
const minimumDescription = 4;

function choicesFor(step: Step, context: StepContext): ChatChoice[] | undefined {
  const { text } = context;
  switch (step) {
    case 'category':
      return context.categories.map((category) => ({
        label: categoryLabel(category, context.language),
        value: category,
      }));
    case 'name':
    case 'location':
      return [{ label: text.skipChoice, value: choiceValues.skip }];
    case 'phone':
      return [{ label: text.declinePhoneChoice, value: choiceValues.skip }];
    case 'confirm':
      return [
        { label: text.confirmChoices.confirm, value: choiceValues.confirm },
        { label: text.confirmChoices.restart, value: choiceValues.restart },
        { label: text.confirmChoices.cancel, value: 'cancel' },
      ];
    default:
      return undefined;
  }
}

/** What the customer is asked at `state.step`. */
export function prompt(state: ConversationState, context: StepContext): ChatReply[] {
  const { text } = context;
  const choices = choicesFor(state.step, context);
  const ask: Partial<Record<Step, string>> = {
    category: text.chooseCategory,
    description: text.askDescription,
    name: text.askName,
    phone: text.askPhone,
    location: text.askLocation,
    confirm: text.summary({
      category: categoryLabel(state.draft.category ?? '', state.language),
      description: shortened(state.draft.description ?? ''),
      name: state.draft.name,
      phone: state.draft.phone,
      where: state.draft.location && describePlace(state.draft.location, state.language),
    }),
  };
  const line = ask[state.step];
  return line ? [{ text: line, ...(choices ? { choices } : {}) }] : [];
}

/** The answer as a choice's value: the value itself, its label, or its number in the list. */
export function pickChoice(answer: string, choices: readonly ChatChoice[]): string | undefined {
  // NFKC: a Chinese input method in full-width mode types "２" for 2; "2。" and "2." mean 2.
  const trimmed = answer
    .normalize('NFKC')
    .trim()
    .replace(/[。.、]+$/, '');
  const lower = trimmed.toLowerCase();
  const direct = choices.find(
    (choice) => choice.value.toLowerCase() === lower || choice.label.toLowerCase() === lower,
  );
  if (direct) return direct.value;
  if (!/^\d{1,2}$/.test(trimmed)) return undefined;
  return choices[Number(trimmed) - 1]?.value;
}

const order: readonly Step[] = ['category', 'description', 'name', 'phone', 'location', 'confirm'];

/** The step after `step`, passing over "what happened" when the first message told it. */
export function stepAfter(step: Step, draft: Draft): Step {
  const next = order[order.indexOf(step) + 1] ?? 'confirm';
  return next === 'description' && draft.description ? stepAfter(next, draft) : next;
}

function advance(
  state: ConversationState,
  draft: Draft,
  context: StepContext,
  note?: string,
): StepResult {
  const next = { ...state, draft, step: stepAfter(state.step, draft) };
  return { state: next, replies: [...(note ? [{ text: note }] : []), ...prompt(next, context)] };
}

function again(state: ConversationState, context: StepContext, note: string): StepResult {
  return { state, replies: [{ text: note }, ...prompt(state, context)] };
}

/** Reads a text answer to the step the conversation waits at. */
export function answerStep(
  state: ConversationState,
  answer: string,
  context: StepContext,
): StepResult {
  const { text } = context;
  const { draft } = state;
  const choices = choicesFor(state.step, context) ?? [];
  const picked = pickChoice(answer, choices);
  const skipped = picked === choiceValues.skip || isSkip(answer);

  switch (state.step) {
    case 'category':
      if (!picked) return again(state, context, text.pickFromList);
      return advance(state, { ...draft, category: picked }, context);

    case 'description': {
      const description = answer.trim();
      if (description.length < minimumDescription) {
        return again(state, context, text.descriptionTooShort);
      }
      return advance(state, { ...draft, description: description.slice(0, 20_000) }, context);
    }

    case 'name':
      if (skipped) return advance(state, { ...draft, name: undefined }, context, text.nameSkipped);
      return advance(state, { ...draft, name: answer.trim().slice(0, 100) }, context);

    case 'phone': {
      if (skipped) {
        const declined = { ...draft, phone: undefined, phoneDeclined: true };
        return advance(state, declined, context, text.phoneDeclined);
      }
      const phone = readPhone(answer);
      if (!phone) return again(state, context, text.badPhone);
      return advance(state, { ...draft, phone, phoneDeclined: false }, context);
    }

    case 'location':
      if (skipped) {
        return advance(state, { ...draft, location: undefined }, context, text.locationSkipped);
      }
      return advance(state, { ...draft, location: readPlace(answer) }, context);

    case 'confirm':
      if (picked === choiceValues.confirm || /^(确认|提交|是|好|yes|y|ok|submit)$/i.test(answer)) {
        return { state, replies: [], confirmed: true };
      }
      if (picked === 'cancel') return { state, replies: [], cancelled: true };
      if (picked === choiceValues.restart) {
        const restarted = { ...state, step: 'category' as const, draft: { attachments: [] } };
        return { state: restarted, replies: prompt(restarted, context) };
      }
      return again(state, context, text.pickFromList);

    default:
      return { state, replies: prompt(state, context) };
  }
}
