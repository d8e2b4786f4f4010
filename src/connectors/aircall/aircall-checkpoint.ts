import { z } from 'zod';
import { SourceError } from '../../core/source-error.js';

/** A creation-time range in unix seconds, both ends included (Aircall's `from` and `to`). */
export type TimeRange = readonly [from: number, to: number];

/** A scan in progress: the ranges still to read, in order, and what it has cost so far. */
export interface AircallScan {
  /** The creation time the scan reads up to (included): the run's start, less a few seconds. */
  to: number;
  /** Calls created before this were read by an earlier run: reading them again is the look-back re-scan. */
  newFrom: number;
  /** Ranges still to read; the first is being read, from `page`. Split further when one holds over 10,000 calls. */
  ranges: TimeRange[];
  page: number;
  /** Requests the scan spent re-reading the look-back window, and on new calls. */
  rescanRequests: number;
  newRequests: number;
  /** Calls the look-back re-read. */
  rescanCalls: number;
  /** Ranges split because they held more calls than Aircall lists. */
  splits: number;
}

export interface AircallCheckpoint {
  v: 1;
  /** Every call created up to this time (unix seconds, included) has been read once. */
  reachedTo: number | null;
  scan: AircallScan | null;
  /**
   * What the last scan did, in words ("Look-back re-scan of 24 h: 3 requests, 120 calls re-read;
   * new calls: 2 requests"). A top-level `note` is shown with the run, as its progress and in
   * its history.
   */
  note: string | null;
}

const seconds = z.number().int().nonnegative();
const rangeSchema = z.tuple([seconds, seconds]);
const checkpointSchema = z.object({
  v: z.literal(1),
  reachedTo: seconds.nullable(),
  scan: z
    .object({
      to: seconds,
      newFrom: seconds,
      ranges: z.array(rangeSchema),
      page: z.number().int().positive(),
      rescanRequests: z.number().int().nonnegative(),
      newRequests: z.number().int().nonnegative(),
      rescanCalls: z.number().int().nonnegative(),
      splits: z.number().int().nonnegative(),
    })
    .nullable(),
  note: z.string().nullable(),
});

export function initialCheckpoint(): AircallCheckpoint {
  return { v: 1, reachedTo: null, scan: null, note: null };
}

export function readCheckpoint(text: string): AircallCheckpoint {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  throw new SourceError('config', 'The saved Aircall checkpoint is unreadable. Contact support: the integration needs its checkpoint reset to a date.', { checkpoint: 'unreadable' });
}

export function writeCheckpoint(checkpoint: AircallCheckpoint): string {
  return JSON.stringify(checkpoint);
}

/**
 * The scan a run starts when none is in progress: from where the last one ended, less the
 * look-back window (never before the start date), up to `to`. The look-back part and the new
 * part are separate ranges, so each request is counted as one or the other.
 */
export function startScan(reachedTo: number | null, startSeconds: number, lookbackHours: number, to: number): AircallScan {
  const newFrom = reachedTo === null ? startSeconds : Math.max(startSeconds, reachedTo + 1);
  const from = reachedTo === null ? startSeconds : Math.max(startSeconds, newFrom - lookbackHours * 3600);
  const ranges: TimeRange[] = [];
  if (from < newFrom) ranges.push([from, Math.min(newFrom - 1, to)]);
  if (newFrom <= to) ranges.push([newFrom, to]);
  return { to: Math.max(to, reachedTo ?? 0), newFrom, ranges, page: 1, rescanRequests: 0, newRequests: 0, rescanCalls: 0, splits: 0 };
}

/** A range holding more calls than Aircall lists, in two halves; null when it is one second already. */
export function splitRange([from, to]: TimeRange): [TimeRange, TimeRange] | null {
  if (to <= from) return null;
  const middle = Math.floor((from + to) / 2);
  return [
    [from, middle],
    [middle + 1, to],
  ];
}

/** Whether a range lies in the look-back window (calls read before) rather than among new calls. */
export function isRescan(scan: Pick<AircallScan, 'newFrom'>, range: TimeRange): boolean {
  return range[1] < scan.newFrom;
}

/** A finished (or running) scan's cost in words, for the run's progress and history. */
export function describeScan(scan: AircallScan, lookbackHours: number, finished: boolean): string {
  const rescan = scan.rescanRequests === 0 ? 'No look-back re-scan (nothing was read before)' : `Look-back re-scan (${lookbackHours} h): ${scan.rescanRequests} request${scan.rescanRequests === 1 ? '' : 's'}, ${scan.rescanCalls} call${scan.rescanCalls === 1 ? '' : 's'} re-read`;
  const fresh = `new calls: ${scan.newRequests} request${scan.newRequests === 1 ? '' : 's'}`;
  const split = scan.splits ? `; ${scan.splits} range${scan.splits === 1 ? '' : 's'} split to stay under Aircall's 10,000-call listing limit` : '';
  return `${finished ? '' : 'So far: '}${rescan}; ${fresh}${split}.`;
}
