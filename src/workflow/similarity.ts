/**
 * How alike two complaint texts are: the Dice coefficient of their character bigrams, which
 * suits Chinese (no word breaks) and survives small rewordings. 1 is identical, 0 shares nothing.
 */
function bigrams(text: string): Map<string, number> {
  const clean = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  const counts = new Map<string, number>();
  for (let i = 0; i < clean.length - 1; i++) {
    const pair = clean.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

export function similarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const count of left.values()) total += count;
  for (const [pair, count] of right) {
    total += count;
    shared += Math.min(count, left.get(pair) ?? 0);
  }
  return total === 0 ? (a.trim() === b.trim() ? 1 : 0) : (2 * shared) / total;
}
