/**
 * The engine's replies as personal WeChat messages: plain text, choices as a numbered list (a
 * personal chat has no buttons; the customer answers with the number), one message per reply.
 */
import { replyAsText } from '../../src/chat/render.ts';
import type { ChatReply } from '../../src/chat/types.ts';

export const renderReplies = (replies: readonly ChatReply[]): string[] => replies.map(replyAsText);
