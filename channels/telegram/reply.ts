/**
 * The engine's replies as Telegram messages: plain text, with choices as an inline keyboard whose
 * buttons post the choice's value back as callback data. Choices are also numbered in the text,
 * so a customer may type the number instead.
 */
import type { InlineKeyboardButton } from 'grammy/types';
import type { ChatReply } from '../../src/chat/types.ts';

/** Telegram's limits: 4096 characters of text, 64 bytes of callback data. */
const maxText = 4096;
const maxData = 64;

export interface TelegramMessage {
  text: string;
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
}

const fits = (value: string) => new TextEncoder().encode(value).length <= maxData;

export function renderTelegramMessage(reply: ChatReply): TelegramMessage {
  const choices = reply.choices ?? [];
  const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  const full = [reply.text, ...lines].join('\n');
  const text = full.length > maxText ? `${full.slice(0, maxText - 1)}…` : full;
  const buttons = choices.filter((choice) => fits(choice.value));
  if (buttons.length === 0) return { text };
  // One button a row: labels are whole category names, too long to sit side by side.
  const keyboard = buttons.map((choice) => [{ text: choice.label, callback_data: choice.value }]);
  return { text, reply_markup: { inline_keyboard: keyboard } };
}
