import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';
import type { FreshdeskPass } from './freshdesk-mapping.js';

/** Each run reads the live tickets, then the trash, then spam: Freshdesk lists each separately. */
export const FRESHDESK_PASSES: readonly FreshdeskPass[] = ['tickets', 'deleted', 'spam'];

/** Where one pass reads next. */
export interface PassMark {
  /** The `updated_since` of the next request (ISO, whole seconds). */
  since: string;
  /** The page within that window: 1, unless a whole page shared one update second. */
  page: number;
  /** Versions (`id@updated seconds`) already delivered at or after `since`: a re-read skips them. */
  seen: string[];
}

export interface FreshdeskCheckpoint {
  v: 1;
  /** The pass the run is in; a resumed run goes on from it, a finished run points at `tickets`. */
  pass: FreshdeskPass;
  marks: Record<FreshdeskPass, PassMark>;
  /** Source time every change has been read up to (monotonic), for "not seen yet" diagnoses. */
  reachedAt: string | null;
}

const markSchema = z.object({ since: z.iso.datetime(), page: z.number().int().positive(), seen: z.array(z.string()) });
const checkpointSchema = z.object({
  v: z.literal(1),
  pass: z.enum(['tickets', 'deleted', 'spam']),
  marks: z.object({ tickets: markSchema, deleted: markSchema, spam: markSchema }),
  reachedAt: z.iso.datetime().nullable(),
});

export function initialCheckpoint(startDate: Date): FreshdeskCheckpoint {
  const mark = (): PassMark => ({ since: isoSeconds(startDate.getTime()), page: 1, seen: [] });
  return { v: 1, pass: 'tickets', marks: { tickets: mark(), deleted: mark(), spam: mark() }, reachedAt: null };
}

export function readCheckpoint(text: string): FreshdeskCheckpoint {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Freshdesk checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', {
    checkpoint: 'unreadable',
  });
}

export function writeCheckpoint(checkpoint: FreshdeskCheckpoint): string {
  return JSON.stringify(checkpoint);
}

export function versionKey(id: number, updatedMs: number): string {
  return `${id}@${Math.floor(updatedMs / 1000)}`;
}

/**
 * Where a pass goes after a page whose records had these versions.
 *
 * Every request starts a new window one second before the last `updated_at` seen, at page 1,
 * rather than following page numbers: a ticket changed (or deleted) while a pass pages through
 * a busy account leaves the list and shifts every later ticket one place up, so page N+1 would
 * skip one. A window that starts at the last record read has no offset to shift. Starting one
 * second early reads a tie group split across two pages whole, whether `updated_since` is
 * inclusive or not; the versions already delivered are skipped. Only when a whole page shares
 * one second does the pass follow the `Link` header's next page in the same window.
 */
export function nextMark(mark: PassMark, versions: ReadonlyArray<{ id: number; updatedMs: number }>, nextPage: number | null): { mark: PassMark; passDone: boolean } {
  const sinceMs = Date.parse(mark.since);
  if (versions.length === 0) return { mark: { since: mark.since, page: 1, seen: mark.seen }, passDone: true };
  const lastMs = Math.max(...versions.map((v) => v.updatedMs));
  const windowMs = Math.floor(lastMs / 1000) * 1000 - 1000;
  const seen = [...new Set([...mark.seen, ...versions.map((v) => versionKey(v.id, v.updatedMs))])];
  if (nextPage !== null && windowMs <= sinceMs) {
    return { mark: { since: mark.since, page: nextPage, seen }, passDone: false };
  }
  const since = Math.max(sinceMs, windowMs);
  return { mark: { since: isoSeconds(since), page: 1, seen: seen.filter((key) => Number(key.slice(key.indexOf('@') + 1)) * 1000 >= since) }, passDone: nextPage === null };
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
