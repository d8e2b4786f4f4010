import type { GenesysWireConversation } from './genesys-seed.js';

const DAY_MS = 86_400_000;

/** One asynchronous details job as the simulator keeps it. */
export interface SimulatedJob {
  id: string;
  from: number;
  to: number;
  /** Match conversations by the day they started (true) or by any activity in the interval. */
  startOfDay: boolean;
  submittedAt: number;
  /** Forced end states (a fault, or a test); otherwise the state follows the clock. */
  failed?: string;
  cancelled?: boolean;
  expired?: boolean;
  deleted?: boolean;
}

/** How long a job takes to prepare and how long its results stay. */
export interface JobTiming {
  prepareMs: number;
  keepMs: number;
}

/** QUEUED for the first half of the preparation, PENDING for the rest, then FULFILLED until it expires. */
export function jobState(job: SimulatedJob, now: number, timing: JobTiming): 'QUEUED' | 'PENDING' | 'FULFILLED' | 'FAILED' | 'CANCELLED' | 'EXPIRED' {
  if (job.failed !== undefined) return 'FAILED';
  if (job.cancelled) return 'CANCELLED';
  if (job.expired) return 'EXPIRED';
  const age = now - job.submittedAt;
  if (age < timing.prepareMs / 2) return 'QUEUED';
  if (age < timing.prepareMs) return 'PENDING';
  return age < timing.prepareMs + timing.keepMs ? 'FULFILLED' : 'EXPIRED';
}

export function jobStatusJson(job: SimulatedJob, now: number, timing: JobTiming): Record<string, unknown> {
  const state = jobState(job, now, timing);
  return {
    state,
    ...(state === 'FAILED' ? { errorMessage: job.failed } : {}),
    submissionDate: new Date(job.submittedAt).toISOString(),
    ...(state === 'FULFILLED' || state === 'EXPIRED' ? { completionDate: new Date(job.submittedAt + timing.prepareMs).toISOString(), expirationDate: new Date(job.submittedAt + timing.prepareMs + timing.keepMs).toISOString() } : {}),
  };
}

/** The interval "start/end" of a query or a job, or null when it is not two ISO times in order. */
export function parseInterval(value: unknown): { from: number; to: number } | null {
  if (typeof value !== 'string') return null;
  const [a, b, ...rest] = value.split('/');
  if (!a || !b || rest.length > 0) return null;
  const from = Date.parse(a);
  const to = Date.parse(b);
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : null;
}

/** A conversation's start and end in ms (end null while active), parsed once per change. */
export interface ConversationTimes {
  start: number;
  end: number | null;
}

export function conversationTimes(conversation: GenesysWireConversation): ConversationTimes {
  return { start: Date.parse(conversation.conversationStart), end: conversation.conversationEnd ? Date.parse(conversation.conversationEnd) : null };
}

/**
 * The details query's selection: a conversation that started on a day the interval touches and
 * started, ended or had any activity during the interval.
 */
export function startedOnTouchedDay(times: ConversationTimes, interval: { from: number; to: number }, now: number): boolean {
  const day = Math.floor(times.start / DAY_MS) * DAY_MS;
  return day < interval.to && day + DAY_MS > interval.from && activeDuring(times, interval, now);
}

/** A job's selection without start-of-day matching: any activity between its start and end (or now). */
export function activeDuring(times: ConversationTimes, interval: { from: number; to: number }, now: number): boolean {
  return times.start < interval.to && (times.end ?? now) >= interval.from;
}
