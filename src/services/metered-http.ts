import type { SourceHttpClient, SourceWait } from '../connectors/source-http-client.js';
import type { RunWait, SourceUsage } from '../core/run.js';
import { saveRunLive } from '../storage/run.repository.js';
import type { IntakeServices } from './intake-services.js';

/** The shared source client, also counting what one run costs at the source into `usage`. */
export function meteredHttp(services: IntakeServices, usage: SourceUsage, onChange?: (wait: SourceWait | null | undefined) => void): SourceHttpClient {
  return services.http.withObserver({
    onResponse: ({ status }) => {
      usage.requests += 1;
      if (status === 429) usage.throttled += 1;
      onChange?.(undefined);
    },
    onRateLimitWait: ({ waitedMs }) => {
      usage.rateLimitedMs += waitedMs;
    },
    onWait: (wait) => onChange?.(wait),
  });
}

export function emptyUsage(): SourceUsage {
  return { requests: 0, throttled: 0, rateLimitedMs: 0 };
}

/** A run's source client whose usage and waits are written to the run row as they happen. */
export interface RunMeter {
  http: SourceHttpClient;
  usage: SourceUsage;
  /** Writes what is left and stops writing: call before the run's end is recorded. */
  close(): Promise<void>;
}

/** Counters alone change often (every response): written at most this often. */
const USAGE_WRITE_EVERY_MS = 1000;

/**
 * Meters a run and keeps its row live: a wait is written the moment it begins and cleared when it
 * ends (with the requests and 429s so far), so every screen shows what the run waits for and why;
 * the counters alone follow within a second.
 */
export function meterRun(services: IntakeServices, runId: string, from: SourceUsage = emptyUsage(), budgetShare = 1): RunMeter {
  // A run taken over goes on counting from what it had cost.
  const usage = { ...from };
  let wait: RunWait | null = null;
  let dirty = false;
  let closed = false;
  let writing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  // One write at a time, always of the latest state: a wait and its end are never written out of order.
  const drain = async () => {
    while (dirty) {
      dirty = false;
      try {
        await saveRunLive(services.db, runId, { source: { ...usage }, wait });
      } catch (error) {
        services.logger.warn({ err: error, runId }, 'could not record the run’s progress; it continues');
      }
    }
    writing = null;
  };
  const writeNow = () => {
    if (closed) return;
    dirty = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    writing ??= drain();
  };
  const writeSoon = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      writeNow();
    }, USAGE_WRITE_EVERY_MS);
    timer.unref();
  };

  const metered = meteredHttp(services, usage, (change) => {
    if (change === undefined) return writeSoon();
    wait = change ? { kind: change.kind, since: change.since.toISOString(), until: change.until.toISOString(), reason: change.reason } : null;
    writeNow();
  });
  const http = budgetShare < 1 ? metered.withBudgetShare(budgetShare) : metered;
  return {
    http,
    usage,
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      closed = true;
      await writing;
    },
  };
}
