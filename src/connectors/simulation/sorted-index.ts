/**
 * Where `id` goes in ascending `ids` (the first place whose id is not smaller): a simulator's
 * stores keep ids sorted to pick recent records and pages without scanning them all.
 */
export function sortedIndex(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
