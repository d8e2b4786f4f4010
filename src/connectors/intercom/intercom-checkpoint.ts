import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';

/**
 * Where the incremental read stands. Times are unix seconds on Intercom's clock (updated_at).
 *
 * - `since`: every change before it has been read; the next window starts there.
 * - `skip`: conversations already read with updated_at exactly `since` (the boundary is re-read
 *   because the window's lower bound is inclusive; these are not delivered twice).
 * - `until`: present while a window [since, until) is being read. Search order is undocumented,
 *   so a window is only done when read to its end; a run that stops inside one reads it again.
 * - `reached`: how far every change has been read, for the integration's "read up to".
 */
export interface IntercomCheckpoint {
  v: 1;
  since: number;
  skip: string[];
  until?: number;
  reached?: number;
}

const checkpointSchema = z.object({
  v: z.literal(1),
  since: z.number().int().nonnegative(),
  skip: z.array(z.string()),
  until: z.number().int().nonnegative().optional(),
  reached: z.number().int().nonnegative().optional(),
});

export function readIntercomCheckpoint(text: string): IntercomCheckpoint {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Intercom checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', {
    checkpoint: 'unreadable',
  });
}

export function writeIntercomCheckpoint(checkpoint: IntercomCheckpoint): string {
  return JSON.stringify(checkpoint);
}
