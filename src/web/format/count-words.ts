/** "1 integration", "3 integrations": the noun agrees with the number. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/**
 * What a search left of a list, for the line beside the search box: "Showing 2 of 5 integrations",
 * "No match among 1 integration" — never "0 of 1 integrations".
 */
export function searchCountWords(shown: number, total: number, searching: boolean, one: string, many: string): string {
  if (!searching) return countOf(total, one, many);
  if (shown === 0) return `No match among ${countOf(total, one, many)}`;
  return `Showing ${shown.toLocaleString('en-GB')} of ${countOf(total, one, many)}`;
}
