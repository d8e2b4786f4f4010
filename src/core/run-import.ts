import type { IntegrationSettings } from './integration-settings.js';
import type { RunOutcome } from './integration-status.js';
import { planPage } from './plan-page.js';
import type { Clock, Connector, ImportScope, ImportStore, ReadFrom } from './ports.js';
import { emptyCounts, type RunCounts } from './run-counts.js';
import { SourceError, type ErrorCategory, type SourceErrorDetail } from './source-error.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

/** The reason a connector's read is aborted with when the run ends early (a cancel, a pause): not a shutdown. */
export const RUN_ENDED_REASON = 'the run ended';

export type RunErrorCategory = ErrorCategory | 'internal';

/** A run's error as it is stored and shown. `internal` is a fault of Intake itself. */
export interface RunError {
  category: RunErrorCategory;
  message: string;
  transient: boolean;
  detail: SourceErrorDetail;
  resumeAt: string | null;
}

export interface RunImportInput {
  scope: ImportScope;
  settings: IntegrationSettings;
  from: ReadFrom;
  /** False for runs that must not move the integration's checkpoint (single-record imports). */
  advancesCheckpoint: boolean;
  /** Import even what eligibility excludes (manual import of one conversation). */
  force?: boolean;
  /** Backfills: only records created in this range are decided; the others are passed over. */
  createdWithin?: { from: string; to: string };
  /** A run taken over from a process that stopped: its counters and pages so far go on from here. */
  resume?: { counts: RunCounts; pages: number };
}

export interface RunImportDeps {
  store: ImportStore;
  connector: Connector;
  clock: Clock;
  /** Aborted on shutdown: the page in flight is dropped, nothing half-written. */
  signal?: AbortSignal;
  onPage?: (progress: { pages: number; counts: RunCounts }) => void;
}

export interface RunImportResult {
  outcome: RunOutcome;
  counts: RunCounts;
  pages: number;
  checkpoint: string | null;
  error: RunError | null;
  /** Why a run ended `cancelled`. */
  stoppedBy: 'stop_requested' | 'shutdown' | null;
}

/**
 * Reads pages from the source and applies each atomically with its checkpoint.
 * INVARIANT: a page's contacts, decisions, counters and checkpoint commit together, so a crash
 * re-reads at most one page, and re-reading it decides the same (dedup by source reference).
 */
export async function runImport(deps: RunImportDeps, input: RunImportInput): Promise<RunImportResult> {
  const { store, connector, signal } = deps;
  let counts = input.resume?.counts ?? emptyCounts();
  let pages = input.resume?.pages ?? 0;
  let checkpoint = input.from.checkpoint;
  const result = (outcome: RunOutcome, error: RunError | null = null, stoppedBy: RunImportResult['stoppedBy'] = null) => ({
    outcome,
    counts,
    pages,
    checkpoint,
    error,
    stoppedBy,
  });

  // The next page is fetched while the current one is written: HTTP and parsing overlap the
  // database. The read-ahead is dropped (aborted) when the run stops early.
  const readAhead = new AbortController();
  const pagesSignal = signal ? AbortSignal.any([signal, readAhead.signal]) : readAhead.signal;
  const pagesIterator = connector.readPages(input.from, pagesSignal)[Symbol.asyncIterator]();
  const fetchNext = () => {
    const next = pagesIterator.next();
    next.catch(() => undefined);
    return next;
  };
  try {
    let pending = fetchNext();
    for (;;) {
      const next = await pending;
      if (next.done) break;
      pending = fetchNext();
      const page = next.value;
      const window = input.createdWithin;
      const mapped = window ? page.records.filter((r) => !r.ok || (r.contact.createdAt >= window.from && r.contact.createdAt < window.to)) : page.records;
      const sourceRefs = [...new Set(mapped.flatMap((m) => (m.ok ? [m.contact.sourceRef] : [])))];
      const pageCounts = counts;
      const applied = await store.applyPage({
        scope: input.scope,
        sourceRefs,
        plan: (existing) => planPage({ records: mapped, existing, settings: input.settings, counts: pageCounts, force: input.force }),
        runCheckpoint: page.checkpoint,
        integrationCheckpoint: input.advancesCheckpoint ? page.checkpoint : null,
        reachedAt: page.reachedAt ?? null,
        pages: pages + 1,
        // planPage decides each record once, in order: the copies line up with the decisions.
        ...(mapped.some((m) => m.received) ? { received: mapped.map((m) => m.received ?? null) } : {}),
      });
      counts = applied.plan.counts;
      pages += 1;
      checkpoint = page.checkpoint;
      deps.onPage?.({ pages, counts });
      if (applied.stopRequested) return result('cancelled', null, 'stop_requested');
    }
  } catch (error) {
    if (signal?.aborted) return result('cancelled', null, 'shutdown');
    const runError = toRunError(error);
    return result(runError.transient ? 'partial' : 'failed', runError);
  } finally {
    readAhead.abort(new Error(RUN_ENDED_REASON));
  }
  return result(counts.failed > 0 ? 'partial' : 'succeeded');
}

export function toRunError(error: unknown): RunError {
  if (error instanceof SourceError) {
    return {
      category: error.category,
      message: error.message,
      transient: error.transient,
      detail: error.detail,
      resumeAt: error.resumeAt?.toISOString() ?? null,
    };
  }
  if (error instanceof StoreUnavailableError) {
    // Not the source's fault, nor a bug: the page in flight rolled back, and it is read again.
    return {
      category: 'internal',
      message: `The import stopped because ${error.what.charAt(0).toLowerCase()}${error.what.slice(1)}. The page in flight was not written; the next run continues from the checkpoint.`,
      transient: true,
      detail: { error: `${error.name}: ${error.message}`, code: error.code },
      resumeAt: null,
    };
  }
  return {
    category: 'internal',
    message: 'The import stopped on an internal error in Intake. It will be retried on the next run; if it persists, contact support with this run id.',
    transient: true,
    detail: { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    resumeAt: null,
  };
}
