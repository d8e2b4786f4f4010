import type { Clock, MappedRecord, ReadFrom, SourcePage } from '../../core/ports.js';
import { SourceError } from '../../core/source-error.js';
import { timeOfDay } from '../budget-limits.js';
import { assertPageContract } from '../page-contract.js';
import type { SourceHttpClient } from '../source-http-client.js';
import type { TalkdeskApi } from './talkdesk-api.js';
import { readTalkdeskCheckpoint, writeTalkdeskCheckpoint, type TalkdeskCheckpoint, type TalkdeskJobMark } from './talkdesk-checkpoint.js';
import { mapTalkdeskCall } from './talkdesk-mapping.js';
import { talkdeskJobSchema, talkdeskReportFileSchema, TALKDESK_DONE_STATES, TALKDESK_ENDED_STATES, TALKDESK_REPORT, type TalkdeskJob } from './talkdesk-wire.js';

export interface ReportReadTuning {
  /** Talkdesk serves "up to a month of data per request": longer ranges are split into jobs this long. */
  jobSpanMs: number;
  /** Each run reads again the calls that ended this long before the last read's end (CSAT, data fixes). */
  lookBackMs: number;
  /** Calls that ended this recently are left to the next run: the report trails the calls. */
  settleMs: number;
  /** Entries per page written (a report file can hold a month of calls). */
  entriesPerPage: number;
  /** A job id kept in the checkpoint is asked for again while it is this recent; older, a new job is made. */
  jobReuseMs: number;
  /** How long a run waits for one job before it stops (the next run checks the same job). */
  maxJobWaitMs: number;
  /** The first status check waits this long, then twice as long each time up to `maxPollMs`. */
  firstPollMs: number;
  maxPollMs: number;
}

export const DEFAULT_REPORT_TUNING: ReportReadTuning = {
  jobSpanMs: 30 * 86_400_000,
  lookBackMs: 3 * 86_400_000,
  settleMs: 5 * 60_000,
  entriesPerPage: 500,
  jobReuseMs: 6 * 3_600_000,
  maxJobWaitMs: 30 * 60_000,
  firstPollMs: 2_000,
  maxPollMs: 30_000,
};

const JOBS = `/data/reports/${TALKDESK_REPORT}/jobs`;
const FILES = `/data/reports/${TALKDESK_REPORT}/files`;

/**
 * Reads the calls report from the checkpoint on: the range since the last read (less a look-back)
 * is split into jobs of at most a month, each created, waited for, and its file downloaded and
 * written in pages. A job still being prepared is written into the checkpoint, so a run stopped
 * while waiting resumes with the same job. See docs/platforms/talkdesk.md.
 */
export async function* readTalkdeskReport(api: TalkdeskApi, http: SourceHttpClient, clock: Clock, from: ReadFrom, tuning: ReportReadTuning, signal?: AbortSignal): AsyncIterable<SourcePage> {
  let checkpoint: TalkdeskCheckpoint = from.checkpoint ? readTalkdeskCheckpoint(from.checkpoint) : { v: 1, readTo: null };
  let written = writeTalkdeskCheckpoint(checkpoint);
  const page = (records: MappedRecord[]): SourcePage => {
    written = writeTalkdeskCheckpoint(checkpoint);
    return { records, checkpoint: written, ...(checkpoint.readTo ? { reachedAt: checkpoint.readTo } : {}) };
  };

  // A run that resumes a range left by an earlier one reads it to its end, then a fresh range up to now.
  for (let fresh = false; !fresh; ) {
    if (!checkpoint.range) {
      const to = clock.now().getTime() - tuning.settleMs;
      const since = checkpoint.readTo ? Math.max(from.startDate.getTime(), Date.parse(checkpoint.readTo) - tuning.lookBackMs) : from.startDate.getTime();
      if (since >= to) break;
      checkpoint = { ...checkpoint, range: { from: iso(since), to: iso(to), at: iso(since) } };
      fresh = true;
    }
    yield* readRange();
    checkpoint = { v: 1, readTo: checkpoint.range!.to };
  }
  if (writeTalkdeskCheckpoint(checkpoint) !== written) yield page([]);

  async function* readRange(): AsyncIterable<SourcePage> {
    while (checkpoint.range && checkpoint.range.at < checkpoint.range.to) {
      const range = checkpoint.range;
      const spanTo = iso(Math.min(Date.parse(range.at) + tuning.jobSpanMs, Date.parse(range.to)));
      let job = reusable(checkpoint.job, range.at, spanTo, clock, tuning);
      const ready = job ? await waitForJob(api, http, clock, job, tuning, signal, true) : false;
      if (!job || !ready) {
        const created = await createJob(api, range.at, spanTo, signal);
        job = { id: created.id, from: range.at, to: spanTo, createdAt: clock.now().toISOString(), next: `${FILES}/${encodeURIComponent(created.id)}`, offset: 0 };
        checkpoint = { ...checkpoint, job };
        if (!TALKDESK_DONE_STATES.includes(created.status)) {
          // About to wait: the job goes into the checkpoint, so a run stopped meanwhile resumes with it.
          yield page([]);
          await waitForJob(api, http, clock, job, tuning, signal, false);
        }
      }

      for (let next: string | null = job.next; next; ) {
        const file = await readFile(api, job, next, signal);
        const records = file.entries.map(mapTalkdeskCall);
        assertPageContract(records, 'Talkdesk', 'call');
        for (let offset = job.offset; offset < records.length; offset += tuning.entriesPerPage) {
          const end = Math.min(records.length, offset + tuning.entriesPerPage);
          job = end < records.length ? { ...job, next, offset: end } : { ...job, next: file.next ?? next, offset: file.next ? 0 : end };
          checkpoint = { ...checkpoint, job };
          yield page(records.slice(offset, end));
        }
        next = file.next;
        job = { ...job, next: next ?? job.next, offset: next ? 0 : job.offset };
      }
      const { job: _done, ...rest } = checkpoint;
      checkpoint = { ...rest, range: { ...range, at: spanTo } };
    }
  }
}

/** The job kept in the checkpoint, when it covers this span and is recent enough to ask for again. */
function reusable(job: TalkdeskJobMark | undefined, from: string, to: string, clock: Clock, tuning: ReportReadTuning): TalkdeskJobMark | null {
  if (!job || job.from !== from || job.to !== to) return null;
  return clock.now().getTime() - Date.parse(job.createdAt) <= tuning.jobReuseMs ? job : null;
}

async function createJob(api: TalkdeskApi, from: string, to: string, signal?: AbortSignal): Promise<TalkdeskJob> {
  // The timespan is read in UTC: `from` included, `to` left out.
  const body = { name: 'Intake calls', timezone: 'UTC', format: 'json', timespan: { from: talkdeskTime(from), to: talkdeskTime(to) } };
  const response = await api.request('POST', JOBS, body, signal);
  const job = talkdeskJobSchema.safeParse(response.body);
  if (!job.success) throw contractError('report job', job.error.issues[0]);
  if (TALKDESK_ENDED_STATES.includes(job.data.status)) throw jobEnded(job.data, from, to);
  return job.data;
}

/**
 * Checks the job until its file is ready, pausing between checks (shown on the run as a report
 * wait). Returns false for a kept job Talkdesk no longer has (`resumed`): a new one is made. A job
 * that failed or was cancelled, and one that takes too long, end the run with a classified error.
 */
async function waitForJob(api: TalkdeskApi, http: SourceHttpClient, clock: Clock, job: TalkdeskJobMark, tuning: ReportReadTuning, signal: AbortSignal | undefined, resumed: boolean): Promise<boolean> {
  const began = clock.now().getTime();
  for (let check = 0; ; check += 1) {
    let response;
    try {
      response = await api.request('GET', `${JOBS}/${encodeURIComponent(job.id)}`, undefined, signal, { returnRedirects: true });
    } catch (error) {
      if (resumed && error instanceof SourceError && error.detail.status === 404) return false;
      if (error instanceof SourceError && error.detail.status === 404) throw jobGone(job);
      throw error;
    }
    // Once the file is ready, the status answers with a redirect to it.
    if (response.status >= 300 && response.status < 400) return true;
    const status = talkdeskJobSchema.safeParse(response.body);
    if (!status.success) throw contractError('report status', status.error.issues[0]);
    if (TALKDESK_DONE_STATES.includes(status.data.status)) return true;
    if (TALKDESK_ENDED_STATES.includes(status.data.status)) {
      if (resumed && status.data.status !== 'failed') return false;
      throw jobEnded(status.data, job.from, job.to);
    }
    const waited = clock.now().getTime() - began;
    if (waited >= tuning.maxJobWaitMs) throw jobTooSlow(job, waited);
    const until = new Date(clock.now().getTime() + Math.min(tuning.maxPollMs, tuning.firstPollMs * 2 ** check));
    await http.pause({ kind: 'report', until, reason: `Waiting for Talkdesk to prepare the report (calls that ended ${span(job.from, job.to)}), ${minutes(waited)} — next check at ${timeOfDay(until)}` }, signal);
  }
}

async function readFile(api: TalkdeskApi, job: TalkdeskJobMark, path: string, signal?: AbortSignal): Promise<{ entries: unknown[]; next: string | null }> {
  const response = await api.download(path, signal).catch((error: unknown) => {
    throw error instanceof SourceError && error.detail.status === 404 ? jobGone(job) : error;
  });
  const file = talkdeskReportFileSchema.safeParse(response.body);
  if (!file.success) throw contractError('report file', file.error.issues[0]);
  const href = file.data._links?.next?.href;
  if (!href) return { entries: file.data.entries, next: null };
  const next = new URL(href, api.base);
  return { entries: file.data.entries, next: `${next.pathname}${next.search}` };
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2025-03-01T00:00:00`: the timespan is given in the job's timezone (UTC). */
function talkdeskTime(isoTime: string): string {
  return isoTime.slice(0, 19);
}

function span(from: string, to: string): string {
  return `${from.slice(0, 16).replace('T', ' ')} – ${to.slice(0, 16).replace('T', ' ')} UTC`;
}

function minutes(ms: number): string {
  return ms < 60_000 ? 'under a minute so far' : `${Math.floor(ms / 60_000)} min so far`;
}

function jobEnded(job: TalkdeskJob, from: string, to: string): SourceError {
  const why = job.error ?? job.message;
  return new SourceError(
    'source_error',
    `Talkdesk could not prepare the calls report for calls that ended ${span(from, to)}: its job ${job.id} ended "${job.status}"${why ? ` (${why})` : ''}. Nothing from that span was imported and nothing is lost: the next run asks Talkdesk for the report again. If it keeps failing, contact Talkdesk support with the job id.`,
    { jobId: job.id, jobStatus: job.status, from, to },
  );
}

function jobGone(job: TalkdeskJobMark): SourceError {
  return new SourceError(
    'source_error',
    `Talkdesk no longer has the report job ${job.id} (calls that ended ${span(job.from, job.to)}): it expired or was deleted before Intake read it. Nothing from that span was imported and nothing is lost: the next run asks for a new report.`,
    { jobId: job.id, jobStatus: 'expired', from: job.from, to: job.to },
  );
}

function jobTooSlow(job: TalkdeskJobMark, waitedMs: number): SourceError {
  return new SourceError(
    'source_error',
    `Talkdesk has been preparing the calls report for ${Math.round(waitedMs / 60_000)} min (job ${job.id}, calls that ended ${span(job.from, job.to)}). Intake stopped waiting; the next run checks the same job again, and nothing is lost.`,
    { jobId: job.id, jobStatus: 'pending', from: job.from, to: job.to },
  );
}

function contractError(what: string, issue: { path: readonly PropertyKey[]; message: string } | undefined): SourceError {
  const field = issue?.path.map(String).join('.') || 'response';
  return new SourceError(
    'api_changed',
    `Talkdesk's ${what} does not match its documented format: \`${field}\` ${issue?.message ?? 'is invalid'}. The API may have changed; nothing from this response was written. Contact support with this run id.`,
    { field },
  );
}
