/**
 * The words that work at any point of a conversation, in Chinese and English (with Telegram's
 * slash form): status, cancel, hand-off to a person, help. Anything else is an answer to the step.
 */

export type Command =
  | { name: 'status'; ref?: string }
  | { name: 'cancel' }
  | { name: 'agent' }
  | { name: 'help' }
  | { name: 'start' };

const words: Record<Exclude<Command['name'], 'status'>, readonly string[]> = {
  cancel: ['取消', '退出', 'cancel', 'quit'],
  agent: ['人工', '转人工', '人工客服', 'agent', 'human'],
  help: ['帮助', '菜单', 'help', '?', '？'],
  start: ['start'],
};

const statusPattern = /^(?:查询|查询进度|进度|status)\s*[:：#]?\s*([A-Za-z]{0,4}\d{1,9})?$/i;

/** The command a message's text is, or undefined when it is an answer. */
export function parseCommand(text: string | undefined): Command | undefined {
  // NFKC: full-width letters and digits (Ｗ００１) are what a Chinese input method may type.
  const trimmed = text?.normalize('NFKC').trim().replace(/^\//, '');
  if (!trimmed) return undefined;
  const status = statusPattern.exec(trimmed);
  if (status)
    return status[1] ? { name: 'status', ref: status[1].toUpperCase() } : { name: 'status' };
  const word = trimmed.toLowerCase().replace(/[。.!！]+$/, '');
  for (const [name, list] of Object.entries(words)) {
    if (list.includes(word)) return { name } as Command;
  }
  return undefined;
}

const skipWords = ['跳过', '不提供', '不填', '不用', '无', '没有', 'skip', 'no', 'none', '-'];

/** "Skip" in either language, or a skip choice's value. */
export function isSkip(text: string): boolean {
  return skipWords.includes(
    text
      .trim()
      .toLowerCase()
      .replace(/[。.!！]+$/, ''),
  );
}
