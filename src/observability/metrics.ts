import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { Run } from '../core/run.js';
import type { SourceRequestObserver } from '../connectors/source-http-client.js';

/**
 * The process's Prometheus metrics: runs by outcome, contacts by outcome and reason, source
 * requests by platform and status, and time spent waiting on rate limits.
 */
export class IntakeMetrics {
  readonly registry = new Registry();
  readonly #runs = new Counter({ name: 'intake_runs_total', help: 'Import runs finished, by kind and outcome.', labelNames: ['kind', 'outcome'], registers: [this.registry] });
  readonly #records = new Counter({
    name: 'intake_records_total',
    help: 'Source records decided, by outcome (imported, updated, unchanged, excluded, failed) and reason.',
    labelNames: ['outcome', 'reason'],
    registers: [this.registry],
  });
  readonly #requests = new Counter({ name: 'intake_source_requests_total', help: 'Requests sent to source platforms, by platform and HTTP status.', labelNames: ['platform', 'status'], registers: [this.registry] });
  readonly #waits = new Counter({
    name: 'intake_rate_limit_wait_seconds_total',
    help: 'Seconds spent waiting on source rate limits, by platform and cause (pacing or Retry-After).',
    labelNames: ['platform', 'cause'],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry }); // standard names (process_*, nodejs_*), as dashboards expect
  }

  /** Feeds the source client's observations into the counters. */
  readonly sourceObserver: SourceRequestObserver = {
    onResponse: ({ platform, status }) => this.#requests.inc({ platform, status: String(status) }),
    onRateLimitWait: ({ platform, waitedMs, reason }) => this.#waits.inc({ platform, cause: reason }, waitedMs / 1000),
  };

  recordRun(run: Run): void {
    this.#runs.inc({ kind: run.kind, outcome: run.status });
    if (run.dryRun) return; // a backfill preview decided nothing: its counts are what a backfill would do
    const { counts } = run;
    for (const outcome of ['imported', 'updated', 'unchanged', 'failed'] as const) {
      if (counts[outcome]) this.#records.inc({ outcome, reason: outcome === 'failed' ? 'invalid_record' : '' }, counts[outcome]);
    }
    for (const [reason, n] of Object.entries(counts.reasons)) {
      if (reason !== 'invalid_record' && n) this.#records.inc({ outcome: 'excluded', reason }, n);
    }
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
