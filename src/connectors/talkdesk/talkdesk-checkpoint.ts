import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';

/**
 * Where the read stands. Times are ISO, on the calls' `end_at` (the report's scope).
 *
 * - `readTo`: every call that ended before it has been read at least once (null before the first
 *   complete read). The next range starts a look-back before it, to see calls that change later.
 * - `range`: the range a run is reading, `[from, to)`, and `at`, where its next job starts. A run
 *   that stops inside a range resumes there.
 * - `job`: the report job of the span `[at, to)` being read: its id (a resumed run asks Talkdesk
 *   for the same job while it is recent), the next file address, and the entries of that file
 *   already delivered.
 */
export interface TalkdeskCheckpoint {
  v: 1;
  readTo: string | null;
  range?: { from: string; to: string; at: string };
  job?: TalkdeskJobMark;
}

export interface TalkdeskJobMark {
  id: string;
  from: string;
  to: string;
  createdAt: string;
  /** The report file address to read next (path and query on the API host). */
  next: string;
  /** Entries of that file already delivered. */
  offset: number;
}

const iso = z.iso.datetime();
const checkpointSchema = z.object({
  v: z.literal(1),
  readTo: iso.nullable(),
  range: z.object({ from: iso, to: iso, at: iso }).optional(),
  job: z.object({ id: z.string().min(1), from: iso, to: iso, createdAt: iso, next: z.string().startsWith('/'), offset: z.number().int().nonnegative() }).optional(),
});

export function readTalkdeskCheckpoint(text: string): TalkdeskCheckpoint {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Talkdesk checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', { checkpoint: 'unreadable' });
}

export function writeTalkdeskCheckpoint(checkpoint: TalkdeskCheckpoint): string {
  return JSON.stringify(checkpoint);
}
