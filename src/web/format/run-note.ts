import type { RunView } from '../api/types';

/**
 * What the platform says a run did or is doing, in its own words — e.g. Aircall's look-back cost,
 * "Look-back re-scan (24 h): 3 requests, 120 calls re-read; new calls: 2 requests." A connector
 * puts it as a top-level `note` string in the checkpoint it saves with each page; anything else in
 * the checkpoint stays opaque. Null when there is none.
 */
export function runNote(run: Pick<RunView, 'checkpointAfter'>): string | null {
  if (!run.checkpointAfter) return null;
  try {
    const parsed: unknown = JSON.parse(run.checkpointAfter);
    const note = parsed && typeof parsed === 'object' ? (parsed as { note?: unknown }).note : null;
    return typeof note === 'string' && note.trim() !== '' ? note : null;
  } catch {
    return null;
  }
}
