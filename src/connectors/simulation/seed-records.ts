// Seeding helpers: an account's history of records, deterministic for a seed, and the records a
// simulator starts with.
import { SeededRandom } from './seeded-random.js';

export interface SeedOptions {
  count: number;
  /** The first record's id; ids then follow creation order. */
  firstId?: number;
  /** Records are created over the `spanDays` before this time, and last changed before it. */
  now: Date;
  spanDays?: number;
  seed?: number;
}

/**
 * An account's history, deterministic for a seed: `count` records created evenly over the span
 * (within a minute of their slot), each last changed 5 minutes to 48 hours after its creation and
 * at least `settleMs` before `now`. `make` builds record `id` from the shared random numbers, in
 * creation order, so the same seed always gives the same records.
 */
export function seedRecords<T>(options: SeedOptions, settleMs: number, make: (random: SeededRandom, id: number, createdMs: number, updatedMs: number) => T): T[] {
  const random = new SeededRandom(options.seed ?? 1);
  const spanMs = (options.spanDays ?? 30) * 86_400_000;
  const latest = options.now.getTime() - settleMs;
  const first = latest - spanMs;
  const records: T[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const createdMs = Math.floor(first + (spanMs * i) / Math.max(1, options.count) + random.next() * 60_000);
    const updatedMs = Math.min(latest, createdMs + random.int(5, 48 * 60) * 60_000);
    records.push(make(random, (options.firstId ?? 1) + i, createdMs, updatedMs));
  }
  return records;
}

/** The records a simulator starts with: the list it was given, or that many (none when left out) from `seed`. */
export function startingRecords<T>(given: number | T[] | undefined, seed: (count: number) => T[]): T[] {
  return typeof given === 'number' || given === undefined ? seed(given ?? 0) : given;
}
