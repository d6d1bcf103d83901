/**
 * JSON as the gateway accepts it: strict UTF-8, at most `maxJsonDepth` levels, no key twice in
 * one object, and no key that names an object's prototype machinery. `JSON.parse` keeps the last
 * of two equal keys and turns `__proto__` into an own property, so a payload that relies on
 * either means something different to a sender and to a schema; such a payload is refused rather
 * than guessed at.
 */

/** Deeper than any payload we define (the forum batch is four levels) and far from stack limits. */
export const maxJsonDepth = 32;

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type JsonReading = { ok: true; value: unknown } | { ok: false; reason: string };

/** Reads raw bytes: invalid UTF-8 is refused, never replaced with U+FFFD. */
export function readJsonBytes(bytes: Uint8Array): JsonReading {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8' };
  }
  return readJsonText(text);
}

export function readJsonText(text: string): JsonReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  const problem = structureProblem(text);
  return problem ? { ok: false, reason: problem } : { ok: true, value };
}

/**
 * Walks text that `JSON.parse` accepted, so only strings, brackets, commas and colons matter:
 * each object on the stack keeps the keys seen so far.
 */
function structureProblem(text: string): string | undefined {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      const keys = stack.at(-1);
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (forbiddenKeys.has(key)) return `the key "${key}" is not accepted`;
        if (keys.has(key)) return `the key "${key.slice(0, 50)}" appears twice in one object`;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      stack.push(char === '{' ? new Set() : null);
      if (stack.length > maxJsonDepth) return `nested deeper than ${maxJsonDepth} levels`;
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      expectKey = stack.at(-1) instanceof Set;
    }
  }
  return undefined;
}

/** The index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
