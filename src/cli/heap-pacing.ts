import { setFlagsFromString } from 'node:v8';

/** How far V8 lets the old generation grow past what survived the last full collection (×1.5). */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Intake's work is a stream of short-lived pages (a file's rows, a source's page of records) whose
 * data lives just long enough to reach the old generation. Left to its default pacing, V8 lets that
 * garbage pile up to about four times the live heap before collecting it: a 1,000,000-row upload
 * with 40 MB live peaked at 306 MB. Collecting when it has grown by half keeps the same upload at
 * about 195 MB at the same rate (`npm run bench -- --scenario upload`). A flag given on node's own
 * command line (`node --heap-growing-percent=N`) wins; NODE_OPTIONS is checked too, though node
 * refuses the flag there today.
 */
export function paceHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg));
  if (given) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
