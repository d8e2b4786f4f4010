/**
 * The candidates whose words are closest to what was typed (a typo, a missing letter, a part of
 * the name), best first. Written here rather than taken from a library because the core imports
 * only zod; it is a plain edit distance.
 */
export function closeMatches<T>(typed: string, candidates: readonly T[], wordsOf: (candidate: T) => string[], limit = 3): T[] {
  const wanted = fold(typed);
  if (!wanted) return [];
  const scored: Array<{ candidate: T; score: number }> = [];
  for (const candidate of candidates) {
    let best = Infinity;
    for (const words of wordsOf(candidate).map(fold)) {
      if (!words) continue;
      const contains = wanted.length >= 3 && (words.includes(wanted) || wanted.includes(words));
      const distance = editDistance(wanted, words);
      if (contains || distance <= Math.max(2, Math.floor(wanted.length / 3))) best = Math.min(best, contains ? Math.min(distance, 1) : distance);
    }
    if (best !== Infinity) scored.push({ candidate, score: best });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.candidate);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
