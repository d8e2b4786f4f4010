import type { Clock, ReadFrom, SourcePage } from '../../core/ports.js';
import { RUN_ENDED_REASON } from '../../core/run-import.js';
import { SourceError } from '../../core/source-error.js';
import { timeOfDay } from '../budget-limits.js';
import { assertPageContract } from '../page-contract.js';
import type { SourceHttpClient } from '../source-http-client.js';
import type { GenesysApi } from './genesys-api.js';
import { readGenesysCheckpoint, writeGenesysCheckpoint, type GenesysCheckpoint } from './genesys-checkpoint.js';
import { queryConversations } from './genesys-details-query.js';
import { GENESYS_NAME } from './genesys-profile.js';
import type { MapConversations } from './genesys-scheduled-read.js';
import { genesysAvailabilitySchema, genesysJobResultsSchema, genesysJobStatusSchema, genesysJobSubmitSchema } from './genesys-wire.js';

export const JOBS_PATH = '/api/v2/analytics/conversations/details/jobs';
export const AVAILABILITY_PATH = `${JOBS_PATH}/availability`;
/** The largest page of job results asked for (a choice: docs/platforms/genesys.md). */
export const JOB_RESULTS_PAGE_SIZE = 1000;

export interface JobPolling {
  /** First wait between status checks; doubles up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A job not ready after this long ends the run (the backfill, run again, keeps waiting on the same job). */
  maxWaitMs: number;
}
export const DEFAULT_JOB_POLLING: JobPolling = { firstDelayMs: 2_000, maxDelayMs: 30_000, maxWaitMs: 2 * 3_600_000 };

type JobCheckpoint = Extract<GenesysCheckpoint, { mode: 'job' }>;

function range(cp: JobCheckpoint): string {
  return `${cp.from.slice(0, 10)} to ${(cp.jobTo ?? cp.to).slice(0, 10)}`;
}

function minutes(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'under a minute' : `${m} min`;
}

function contractError(path: string, issue: { path: PropertyKey[]; message: string } | undefined): SourceError {
  const field = issue?.path.join('.') || 'body';
  return new SourceError('api_changed', `${GENESYS_NAME}'s ${path} answered in a shape Intake does not know (\`${field}\`: ${issue?.message}). Nothing from it was written. Contact support with this run id.`, { path, field });
}

function isGone(error: unknown): boolean {
  return error instanceof SourceError && error.detail.status === 404;
}

/**
 * A backfill: the asynchronous jobs API for the part of [startDate, until) the analytics data lake
 * holds (up to the data availability date), the synchronous query for the rest. The job is
 * submitted, its status polled with growing waits (shown on the run as a `report` wait), and its
 * results paged with the cursor. Every step's checkpoint carries the job id, so a run killed while
 * the job is pending continues with the same job when it is still valid. When the run ends early
 * (a cancel, a pause) the job is deleted at Genesys; at a shutdown it is kept for the resume.
 */
export async function* readBackfill(
  api: GenesysApi,
  map: MapConversations,
  http: SourceHttpClient,
  clock: Clock,
  from: ReadFrom & { until: Date },
  polling: JobPolling,
  signal?: AbortSignal,
): AsyncGenerator<SourcePage> {
  const saved = from.checkpoint ? readGenesysCheckpoint(from.checkpoint) : null;
  let cp: JobCheckpoint = saved?.mode === 'job' ? saved : await plan(api, from, signal);

  if (!cp.done) {
    let resumed = Boolean(cp.jobId);
    if (cp.jobId && !(await stillValid(api, cp.jobId, signal))) {
      cp = { v: 1, mode: 'job', from: cp.from, to: cp.to, ...(cp.jobTo ? { jobTo: cp.jobTo } : {}) };
      resumed = false;
    }
    if (!cp.jobId) {
      const body = { interval: `${cp.from}/${cp.jobTo ?? cp.to}`, startOfDayIntervalMatching: true, order: 'asc', orderBy: 'conversationStart' };
      const submitted = genesysJobSubmitSchema.safeParse((await api.post(JOBS_PATH, body, signal)).body);
      if (!submitted.success) throw contractError(JOBS_PATH, submitted.error.issues[0]);
      cp = { ...cp, jobId: submitted.data.jobId, submittedAt: clock.now().toISOString() };
    }
    const jobId = cp.jobId!;
    const jobPath = `${JOBS_PATH}/${encodeURIComponent(jobId)}`;
    const onAbort = () => {
      // A cancel or pause ends the run: the job is no longer wanted. At a shutdown it is kept.
      const reason: unknown = signal?.reason;
      if (reason instanceof Error && reason.message === RUN_ENDED_REASON) void api.delete(jobPath).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // Saved at once: a run killed from here on resumes with this job.
      if (!resumed) yield { records: [], checkpoint: writeGenesysCheckpoint(cp) };
      if (!cp.cursor) yield* waitForJob(api, http, clock, cp, jobPath, polling, resumed, signal);
      for (;;) {
        let response;
        try {
          response = await api.get(`${jobPath}/results`, { pageSize: JOB_RESULTS_PAGE_SIZE, ...(cp.cursor ? { cursor: cp.cursor } : {}) }, signal);
        } catch (error) {
          if (isGone(error)) throw expired(cp, jobId, error);
          throw error;
        }
        const results = genesysJobResultsSchema.safeParse(response.body);
        if (!results.success) throw contractError(`${jobPath}/results`, results.error.issues[0]);
        const records = await map(results.data.conversations ?? [], signal);
        assertPageContract(records, GENESYS_NAME, 'conversation');
        const { cursor: _read, ...rest } = cp;
        cp = results.data.cursor ? { ...cp, cursor: results.data.cursor } : { ...rest, done: true, tail: { since: cp.jobTo ?? cp.to } };
        yield { records, checkpoint: writeGenesysCheckpoint(cp) };
        if (cp.done) break;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    // Read to the end: the job has served its purpose.
    await api.delete(jobPath, signal).catch(() => undefined);
  }

  // Beyond the data availability date, the synchronous query reads the rest of the range.
  const to = new Date(cp.to);
  if (cp.tail && Date.parse(cp.tail.since) < to.getTime()) {
    for await (const { conversations, next } of queryConversations(api, cp.tail, to, signal)) {
      const records = await map(conversations, signal);
      assertPageContract(records, GENESYS_NAME, 'conversation');
      const { tail: _done, ...rest } = cp;
      cp = next ? { ...cp, tail: next } : rest;
      yield { records, checkpoint: writeGenesysCheckpoint(cp) };
    }
  }
}

/** The job's range: the backfill's, cut at the data availability date (later days come from the query). */
async function plan(api: GenesysApi, from: ReadFrom & { until: Date }, signal?: AbortSignal): Promise<JobCheckpoint> {
  const fromIso = from.startDate.toISOString();
  const toIso = from.until.toISOString();
  const availability = genesysAvailabilitySchema.safeParse((await api.get(AVAILABILITY_PATH, {}, signal)).body);
  if (!availability.success) throw contractError(AVAILABILITY_PATH, availability.error.issues[0]);
  const available = new Date(availability.data.dataAvailabilityDate).toISOString();
  if (available <= fromIso) return { v: 1, mode: 'job', from: fromIso, to: toIso, done: true, tail: { since: fromIso } };
  return { v: 1, mode: 'job', from: fromIso, to: toIso, ...(available < toIso ? { jobTo: available } : {}) };
}

/** A job from an earlier run can still be used unless Genesys no longer has it, or it failed, was cancelled or expired. */
async function stillValid(api: GenesysApi, jobId: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const status = genesysJobStatusSchema.safeParse((await api.get(`${JOBS_PATH}/${encodeURIComponent(jobId)}`, {}, signal)).body);
    return status.success && !['FAILED', 'CANCELLED', 'EXPIRED'].includes(status.data.state);
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

function expired(cp: JobCheckpoint, jobId: string, cause?: unknown): SourceError {
  return new SourceError(
    'source_error',
    `The report Genesys Cloud prepared for conversations from ${range(cp)} expired before Intake read all of it (job ${jobId}). What was read is kept; run the backfill again and Intake asks for a new report, skipping nothing.`,
    { jobId, jobState: 'EXPIRED' },
    cause === undefined ? {} : { cause },
  );
}

/**
 * Polls the job until FULFILLED, waiting longer each time (shown as "waiting for Genesys Cloud to
 * prepare the report"). Yields the unchanged checkpoint after each check, so a cancel is noticed
 * while the job is pending. A failed, cancelled or expired job ends the run with the reason.
 */
async function* waitForJob(api: GenesysApi, http: SourceHttpClient, clock: Clock, cp: JobCheckpoint, jobPath: string, polling: JobPolling, resumed: boolean, signal?: AbortSignal): AsyncGenerator<SourcePage> {
  const jobId = cp.jobId!;
  const submittedAt = Date.parse(cp.submittedAt ?? clock.now().toISOString());
  let delay = polling.firstDelayMs;
  for (;;) {
    let body: unknown;
    try {
      body = (await api.get(jobPath, {}, signal)).body;
    } catch (error) {
      if (isGone(error)) throw expired(cp, jobId, error);
      throw error;
    }
    const status = genesysJobStatusSchema.safeParse(body);
    if (!status.success) throw contractError(jobPath, status.error.issues[0]);
    const { state, errorMessage } = status.data;
    if (state === 'FULFILLED') return;
    if (state === 'FAILED') {
      throw new SourceError(
        'source_error',
        `Genesys Cloud could not prepare the report of conversations from ${range(cp)} (job ${jobId} FAILED${errorMessage ? `: ${errorMessage}` : ''}). Nothing from it was imported. Run the backfill again to ask for a new report; if it fails again, try a shorter range.`,
        { jobId, jobState: state, ...(errorMessage ? { platformMessage: errorMessage } : {}) },
      );
    }
    if (state === 'CANCELLED') {
      throw new SourceError('source_error', `The report of conversations from ${range(cp)} was cancelled at Genesys Cloud (job ${jobId}) before Intake read it. Nothing from it was imported; run the backfill again to ask for a new report.`, { jobId, jobState: state });
    }
    if (state === 'EXPIRED') throw expired(cp, jobId);
    if (state !== 'QUEUED' && state !== 'PENDING') throw contractError(jobPath, { path: ['state'], message: `unknown job state "${state}"` });
    const now = clock.now();
    const waited = now.getTime() - submittedAt;
    if (waited > polling.maxWaitMs) {
      throw new SourceError(
        'source_error',
        `Genesys Cloud has not finished the report of conversations from ${range(cp)} after ${minutes(waited)} (job ${jobId} is ${state}). Nothing is lost: run the backfill again and it continues with the same report while Genesys keeps it.`,
        { jobId, jobState: state },
      );
    }
    const until = new Date(now.getTime() + delay);
    await http.pause({ kind: 'report', until, reason: `Genesys Cloud is preparing the report, ${minutes(waited)} so far (job ${state}${resumed ? ', resumed from an earlier run' : ''}) — next check at ${timeOfDay(until)}` }, signal);
    delay = Math.min(delay * 2, polling.maxDelayMs);
    yield { records: [], checkpoint: writeGenesysCheckpoint(cp) };
  }
}
