/**
 * The engine's replies as LINE text messages. Choices become quick-reply postback buttons: a tap
 * shows the label in the chat as the customer's words and posts the value back as postback data.
 * Replies are also numbered in the text, so a customer whose client hides quick replies can answer
 * with the number.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { ChatReply } from '../../src/chat/types.ts';

/** LINE's limits: 5 messages a call, 13 quick-reply items, 20-character labels, 5000-char text. */
export const maxMessagesPerCall = 5;
const maxQuickReplies = 13;
const maxLabel = 20;
const maxText = 5000;
const maxData = 300;

const clip = (value: string, limit: number) =>
  [...value].length > limit ? `${[...value].slice(0, limit - 1).join('')}…` : value;

export function renderLineMessage(reply: ChatReply): messagingApi.TextMessage {
  const choices = reply.choices ?? [];
  const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  const message: messagingApi.TextMessage = {
    type: 'text',
    text: clip([reply.text, ...lines].join('\n'), maxText),
  };
  const buttons = choices.filter((choice) => choice.value.length <= maxData);
  if (buttons.length === 0) return message;
  message.quickReply = {
    items: buttons.slice(0, maxQuickReplies).map((choice) => ({
      type: 'action',
      action: {
        type: 'postback',
        label: clip(choice.label, maxLabel),
        data: choice.value,
        displayText: clip(choice.label, maxData),
      },
    })),
  };
  return message;
}

/** The replies as LINE messages, in batches of at most five (one reply or push call each). */
export function renderLineBatches(replies: readonly ChatReply[]): messagingApi.TextMessage[][] {
  const messages = replies.map(renderLineMessage);
  const batches: messagingApi.TextMessage[][] = [];
  for (let i = 0; i < messages.length; i += maxMessagesPerCall) {
    batches.push(messages.slice(i, i + maxMessagesPerCall));
  }
  return batches;
}
