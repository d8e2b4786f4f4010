import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';
import type { QueryPosition } from './genesys-details-query.js';

/**
 * Where a Genesys Cloud read stands. Times are ISO strings on Genesys's clock.
 *
 * `query` (scheduled runs, the synchronous details query): conversations are selected by the day
 * they started, so the read walks day-aligned windows from `since` to now.
 * - `at.since`: the start of the window being read; after a whole sweep, where the next run starts
 *   (the re-query window behind now, or the start of the oldest conversation still active).
 * - `at.windowEnd`, `at.page`, `at.size`: present while a window is read page by page.
 * - `active`: the start of the oldest active conversation seen in this sweep.
 *
 * `job` (backfills, the asynchronous jobs API): one job for [from, jobTo), jobTo being the data
 * availability date when the range goes past it; the rest [jobTo, to) is read with the query.
 * - `jobId`: the job submitted (a run killed while it is pending resumes with it while valid).
 * - `cursor`: the next page of its results; `done`: the job's results were all read.
 * - `tail`: where the query stands in [jobTo, to) once the job is done.
 */
export type GenesysCheckpoint =
  | { v: 1; mode: 'query'; at: QueryPosition; active?: string }
  | { v: 1; mode: 'job'; from: string; to: string; jobTo?: string; jobId?: string; submittedAt?: string; cursor?: string; done?: boolean; tail?: QueryPosition };

const positionSchema = z.object({
  since: z.string(),
  windowEnd: z.string().optional(),
  page: z.number().int().positive().optional(),
  size: z.number().int().nonnegative().optional(),
});

const checkpointSchema = z.discriminatedUnion('mode', [
  z.object({ v: z.literal(1), mode: z.literal('query'), at: positionSchema, active: z.string().optional() }),
  z.object({
    v: z.literal(1),
    mode: z.literal('job'),
    from: z.string(),
    to: z.string(),
    jobTo: z.string().optional(),
    jobId: z.string().optional(),
    submittedAt: z.string().optional(),
    cursor: z.string().optional(),
    done: z.boolean().optional(),
    tail: positionSchema.optional(),
  }),
]);

export function readGenesysCheckpoint(text: string): GenesysCheckpoint {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Genesys Cloud checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', { checkpoint: 'unreadable' });
}

export function writeGenesysCheckpoint(checkpoint: GenesysCheckpoint): string {
  return JSON.stringify(checkpoint);
}
