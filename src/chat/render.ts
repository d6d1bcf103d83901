/**
 * A reply as plain text, for platforms whose messages have no buttons (WeChat, personal WeChat)
 * and for the message log: the choices follow as "1. label" lines, and the engine reads a bare
 * number back as the choice with that position.
 */
import type { ChatReply } from './types.ts';

export function replyAsText(reply: ChatReply): string {
  const choices = (reply.choices ?? []).map((choice, index) => `${index + 1}. ${choice.label}`);
  return [reply.text, ...choices].join('\n');
}
