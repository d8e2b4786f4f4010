import type { ContactDraft, StoredContact } from './contact.js';
import type { DecisionDraft } from './decision.js';
import type { RunCounts } from './run-counts.js';

/** Time, injectable so tests and simulators can move it. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** One page of source records, already mapped, and the cursor that follows it. */
export interface SourcePage {
  records: MappedRecord[];
  /** Opaque to the core: where the next read starts once this page is applied. A top-level JSON `note` string, if any, is shown with the run (what it read, in the platform's words). */
  checkpoint: string;
  /** Source time up to which every change has now been read (ISO), when the platform can tell. */
  reachedAt?: string;
}

/**
 * A record as it was handed to Intake (an uploaded file's row, a pushed record), carried beside its
 * mapping: while it is not imported, its last copy is kept so it can be imported again by hand.
 */
export interface ReceivedCopy {
  /** The row's values by column, or the pushed record's fields, as received. */
  values: Record<string, unknown>;
  /** "row 3 of weekly-calls.csv (line 4)", "record 2 of the batch". */
  location: string;
}

export type MappedRecord =
  | { ok: true; contact: ContactDraft; received?: ReceivedCopy }
  | {
      ok: false;
      received?: ReceivedCopy;
      /** Null when even the id could not be read. */
      sourceRef: string | null;
      /** The field at fault, as the platform names it (e.g. `via.channel`). */
      field: string;
      message: string;
      rawValue?: unknown;
      /** Where the record sits in what carried it, for files and pushed batches ("row 1,207 of weekly-calls.csv"). */
      location?: string;
    };

/** Where an incremental read starts. */
export interface ReadFrom {
  checkpoint: string | null;
  /** The integration's start date, for the very first read. */
  startDate: Date;
  /** Backfills: the end (exclusive) of the creation range re-read; a platform that selects by creation may stop there. */
  until?: Date;
}

/**
 * A platform, as the core sees it. Implementations live in src/connectors/<platform>/.
 *
 * A page whose records all fail on the same field is not a page of bad records but a changed API:
 * the connector throws SourceError('api_changed') for it instead of yielding it.
 *
 * @example
 * for await (const page of connector.readPages({ checkpoint, startDate }, signal)) {
 *   for (const record of page.records) if (record.ok) console.log(record.contact.sourceRef);
 * }
 */
export interface Connector {
  /** Read changed records from the checkpoint on, page by page, until the source has no more. */
  readPages(from: ReadFrom, signal?: AbortSignal): AsyncIterable<SourcePage>;
}

/** Which integration and run a page belongs to, and the dedup key's fixed part. */
export interface ImportScope {
  workspaceId: string;
  integrationId: string;
  runId: string;
  platform: string;
  sourceAccount: string;
}

/** What the core decided about one page, computed inside the page's transaction. */
export interface PagePlan {
  /** Contacts to create or refresh (new or newer versions only). */
  contacts: ContactDraft[];
  decisions: DecisionDraft[];
  counts: RunCounts;
}

export interface PageCommit {
  scope: ImportScope;
  sourceRefs: string[];
  /** Called inside the transaction with the stored contacts for `sourceRefs`. Must be pure. */
  plan: (existing: ReadonlyMap<string, StoredContact>) => PagePlan;
  /** The run's own resume point (backfills resume from it). */
  runCheckpoint: string;
  /** The integration's checkpoint to save, or null to leave it as it is (single-record runs). */
  integrationCheckpoint: string | null;
  reachedAt: string | null;
  pages: number;
  /**
   * For records handed to Intake: each decision's received copy (by the plan's order), kept when
   * the record is not imported and dropped when it is — with the page, in its transaction.
   */
  received?: ReadonlyArray<ReceivedCopy | null>;
}

export interface AppliedPage {
  plan: PagePlan;
  /** True when the integration was paused or the run cancelled: stop after this page. */
  stopRequested: boolean;
}

/**
 * Storage as the import run needs it.
 * INVARIANT: applyPage commits the page's contacts, its decisions, the run's counters and the
 * checkpoint in one transaction — all or nothing.
 */
export interface ImportStore {
  applyPage(commit: PageCommit): Promise<AppliedPage>;
}
