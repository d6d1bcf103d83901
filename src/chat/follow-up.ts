/**
 * The follow-up visit (回访) in a chat: the question the handling workflow sends when a complaint
 * is resolved, with one choice per score whose value is `feedback:<ref>:<n>`, and the reading of
 * the customer's answer (that value, or a bare 1 to 5 while a follow-up is pending).
 */
import type { Language } from './state.ts';
import { texts } from './texts.ts';
import type { ChatReply } from './types.ts';

export const feedbackValue = (ref: string, satisfaction: number) =>
  `feedback:${ref}:${satisfaction}`;

/** The follow-up question for `ref`, for a channel's `ChatSender`. */
export function followUpQuestion(ref: string, language: Language = 'zh'): ChatReply {
  const text = texts[language];
  return {
    text: text.followUpQuestion(ref),
    choices: text.satisfactionLabels.map((label, index) => ({
      label,
      value: feedbackValue(ref, index + 1),
    })),
  };
}

const valuePattern = /^feedback:([A-Za-z]{0,4}\d{1,9}):([1-5])$/;

/** A feedback choice's value, with the complaint it names. */
export function readFeedbackValue(
  answer: string,
): { ref: string; satisfaction: number } | undefined {
  const match = valuePattern.exec(answer.trim());
  return match?.[1] && match[2]
    ? { ref: match[1].toUpperCase(), satisfaction: Number(match[2]) }
    : undefined;
}

/** A bare score: "4", "4分", or a label such as "4 满意". */
export function readScore(answer: string): number | undefined {
  const match = /^([1-5])(?:\s*分|\s+\S.*)?$/.exec(answer.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}
