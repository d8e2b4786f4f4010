import { randomBytes } from 'node:crypto';
import type { FileInspection, FileIntake, PlatformDefinition } from '../connectors/platform.js';
import type { Integration } from '../core/integration.js';
import { startOfStartDate } from '../core/integration-settings.js';
import type { Connector, MappedRecord } from '../core/ports.js';
import { planPage } from '../core/plan-page.js';
import { runImport, type RunImportResult } from '../core/run-import.js';
import { emptyCounts } from '../core/run-counts.js';
import type { Run } from '../core/run.js';
import type { Outcome } from '../core/decision.js';
import { findContactsByRefs } from '../storage/contact.repository.js';
import { createImportStore } from '../storage/import-store.js';
import { claimLease, releaseLease, renewLease, updateIntegration } from '../storage/integration.repository.js';
import { renewRunLease } from '../storage/run-queue.repository.js';
import { insertRun } from '../storage/run.repository.js';
import { platformOf } from './build-connector.js';
import { finishReceivedRun } from './finish-received-run.js';
import type { IntakeServices } from './intake-services.js';
import { assertIntegrationsEnabled } from './integrations-flag.js';
import { assertReceiving } from './received-intake.js';
import { getIntegration } from './manage-integrations.js';
import { AlreadyRunningError, ValidationError, zodProblems, type FieldProblem } from './service-errors.js';

/** How much of an upload is read before deciding whether it is a file Intake reads at all. */
const HEAD_BYTES = 64 * 1024;
/** Rows per page: each page is one transaction with its decisions. */
export const UPLOAD_PAGE_SIZE = 1000;
const PREVIEW_ROWS = 20;

export interface UploadInput {
  fileName: string;
  /** The file's bytes, streamed: never held whole. */
  bytes: AsyncIterable<Uint8Array>;
  /** Connection fields to use from this upload on (the mapping, the time zone, the date order). */
  connection?: unknown;
}

interface PreparedUpload {
  integration: Integration;
  platform: PlatformDefinition;
  files: FileIntake<unknown>;
  layout: Extract<FileInspection, { ok: true }>;
  connection: unknown;
  problems: FieldProblem[];
  bytes: AsyncIterable<Uint8Array>;
  fileName: string;
}

/** The first bytes of a stream, and the whole stream again (those bytes first). */
async function splitHead(bytes: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const iterator = bytes[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks).subarray(0, HEAD_BYTES);
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* chunks;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, all: all() };
}

/**
 * An upload's bytes as they arrive, counting its lines, and noting whether the sender went away
 * before the end (the bytes failed): the run then says where the file was cut off.
 */
class ReceivedBytes implements AsyncIterable<Uint8Array> {
  newlines = 0;
  bytes = 0;
  failed = false;
  constructor(private readonly source: AsyncIterable<Uint8Array>) {}
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of this.source) {
        this.bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) this.newlines += 1;
        yield chunk;
      }
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }
}

/** A run whose file stopped arriving: what committed stands, and the message says where it stopped and what to do. */
function cutOff(result: RunImportResult, fileName: string, received: ReceivedBytes): RunImportResult {
  const n = (value: number) => value.toLocaleString('en-US');
  const line = received.newlines + 1;
  const seen = result.counts.seen;
  const message =
    `The upload of ${fileName} was cut off at line ${n(line)}: the connection closed before the end of the file (${n(received.bytes)} bytes received). ` +
    `${seen > 0 ? `The ${n(seen)} rows read before were decided and kept; send` : 'Nothing was imported; send'} the whole file again — the rows already in come back unchanged, and the rest are imported.`;
  return {
    ...result,
    // What committed stands: partial when pages were written, failed when none was.
    outcome: seen > 0 ? 'partial' : 'failed',
    error: { category: 'source_error', message, transient: true, detail: { cutOffAtLine: line, bytesReceived: received.bytes }, resumeAt: null },
  };
}

function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? 'upload' : base.slice(0, 200);
}

/** The file of a request, opened only once the integration is known to take files. */
export type ReceiveUpload = () => Promise<UploadInput>;

async function prepare(services: IntakeServices, workspaceId: string, integrationId: string, receive: ReceiveUpload, options: { imports: boolean }): Promise<PreparedUpload> {
  const integration = await getIntegration(services, workspaceId, integrationId);
  await assertIntegrationsEnabled(services, workspaceId);
  // A preview writes nothing, so it is allowed while paused; an import is not.
  if (options.imports) assertReceiving(integration, 'files');
  const platform = platformOf(services, integration.platform);
  const files = platform.files as FileIntake<unknown> | undefined;
  if (!files) {
    throw new ValidationError([{ path: 'integration', message: `"${integration.name}" reads ${platform.displayName}, which takes no files; upload to a file integration` }]);
  }
  const input = await receive();
  const fileName = safeFileName(input.fileName);
  const { head, all } = await splitHead(input.bytes);
  const inspection = files.inspect(head, fileName);
  if (!inspection.ok) throw new ValidationError([{ path: 'file', message: inspection.message }], inspection.message);
  const given = input.connection && typeof input.connection === 'object' ? (input.connection as Record<string, unknown>) : {};
  const parsed = platform.connectionSchema.safeParse({ ...integration.connection, ...given, source: (integration.connection as { source?: unknown }).source });
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues, 'connection'));
  const connection = files.proposeConnection(parsed.data, inspection.columns);
  return { integration, platform, files, layout: inspection, connection, problems: files.mappingProblems(connection, inspection.columns), bytes: all, fileName };
}

export interface UploadPreview {
  fileName: string;
  format: string;
  encoding: string;
  delimiter: string | null;
  columns: string[];
  /** The connection this upload would use: the saved mapping, or the one proposed from the header row. */
  connection: Record<string, unknown>;
  targets: FileIntake<unknown>['mappingTargets'];
  /** Each target's column guessed from the header row, for a form to start from when no mapping fits yet. */
  suggested: Record<string, string | string[] | null>;
  /** What stops the import (a required column not mapped); the rows are decided only without problems. */
  problems: FieldProblem[];
  rows: Array<{ location: string | null; sourceRef: string; outcome: Outcome; reason: string | null; field: string | null; message: string | null; values: Record<string, unknown> | null }>;
  /** The file goes on after these rows; a preview reads no further, so the rest is decided only by the import. */
  more: boolean;
}

/**
 * The first rows of a file decided as an upload would decide them — imported, updated, unchanged,
 * excluded and why, failed and where — with the mapping proposed from its header. Writes nothing.
 */
export async function previewUpload(services: IntakeServices, workspaceId: string, integrationId: string, receive: ReceiveUpload): Promise<UploadPreview> {
  const prepared = await prepare(services, workspaceId, integrationId, receive, { imports: false });
  const { integration, layout, connection, files, problems } = prepared;
  const base = {
    fileName: prepared.fileName,
    format: layout.format,
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    columns: layout.columns,
    connection: connection as Record<string, unknown>,
    targets: files.mappingTargets,
    suggested: files.suggestMapping(layout.columns),
    problems,
  };
  if (problems.length > 0) return { ...base, rows: [], more: false };
  // One row past those shown says whether the file goes on; nothing after it is read.
  let records: MappedRecord[] = [];
  for await (const page of files.readPages(prepared.bytes, { connection, layout, fileName: prepared.fileName, version: services.clock.now().getTime(), pageSize: PREVIEW_ROWS + 1 })) {
    records = page.records;
    break;
  }
  const more = records.length > PREVIEW_ROWS;
  records = records.slice(0, PREVIEW_ROWS);
  const key = { workspaceId, platform: integration.platform, sourceAccount: integration.sourceAccount };
  const existing = await findContactsByRefs(services.db, key, records.flatMap((r) => (r.ok ? [r.contact.sourceRef] : [])));
  const plan = planPage({ records, existing, settings: integration.settings, counts: emptyCounts() });
  return {
    ...base,
    more,
    rows: plan.decisions.map((d, i) => {
      const record = records[i]!;
      return {
        location: record.ok ? null : (record.location ?? null),
        sourceRef: d.sourceRef,
        outcome: d.outcome,
        reason: d.reason,
        field: record.ok ? null : record.field,
        message: record.ok ? null : record.message,
        values: record.ok ? { channel: record.contact.channel, agent: record.contact.agent, status: record.contact.sourceStatus, createdAt: record.contact.createdAt, tags: record.contact.tags } : null,
      };
    }),
  };
}

export interface UploadOptions {
  actor: string;
  /** Called with the run as soon as it exists. */
  onStarted?: (run: Run) => void;
  /** After each page: rows decided so far. */
  onProgress?: (progress: { pages: number; seen: number }) => void;
  signal?: AbortSignal;
}

/**
 * Imports an uploaded file as one run of its integration, page by page through the same import
 * engine as every connector: each row decided, bad rows `failed` with their row and column, the
 * rest imported. A file that is not CSV or JSON Lines, or whose mapping does not fit it, is refused
 * before anything is written. The mapping it was read with is kept for the next upload.
 */
export async function uploadFile(services: IntakeServices, workspaceId: string, integrationId: string, receive: ReceiveUpload, options: UploadOptions): Promise<Run> {
  const prepared = await prepare(services, workspaceId, integrationId, receive, { imports: true });
  const { integration, files, layout, connection, fileName } = prepared;
  if (prepared.problems.length > 0) throw new ValidationError(prepared.problems);
  const { db, clock } = services;
  const owner = `${services.processId}/${randomBytes(3).toString('hex')}`;
  if (!(await claimLease(db, integration.id, owner, clock.now(), services.leaseMs))) {
    throw new AlreadyRunningError(`"${integration.name}" is importing already; upload again when that run has finished.`);
  }
  try {
    const run = await insertRun(db, { workspaceId, integrationId: integration.id, kind: 'upload', fileName, checkpointBefore: integration.checkpoint, requestedBy: options.actor, receivedBy: { owner, leaseMs: services.leaseMs }, now: clock.now() });
    options.onStarted?.(run);
    const version = Date.parse(run.startedAt);
    const received = new ReceivedBytes(prepared.bytes);
    const connector: Connector = { readPages: () => files.readPages(received, { connection, layout, fileName, version, pageSize: UPLOAD_PAGE_SIZE }) };
    const heartbeat = setInterval(() => {
      const now = clock.now();
      void Promise.all([renewLease(db, integration.id, owner, now, services.leaseMs), renewRunLease(db, run, { owner, now, leaseMs: services.leaseMs })]).catch(() => undefined);
    }, Math.max(1000, Math.floor(services.leaseMs / 4)));
    heartbeat.unref();
    let result: RunImportResult;
    try {
      result = await runImport(
        { store: createImportStore(db, { clock, lease: { owner, durationMs: services.leaseMs } }), connector, clock, signal: options.signal, onPage: (p) => options.onProgress?.({ pages: p.pages, seen: p.counts.seen }) },
        {
          scope: { workspaceId, integrationId: integration.id, runId: run.id, platform: integration.platform, sourceAccount: integration.sourceAccount },
          settings: integration.settings,
          from: { checkpoint: integration.checkpoint, startDate: startOfStartDate(integration.settings) },
          advancesCheckpoint: false,
        },
      );
    } finally {
      clearInterval(heartbeat);
    }
    if (received.failed) result = cutOff(result, fileName, received);
    if (result.outcome !== 'failed' && JSON.stringify(connection) !== JSON.stringify(integration.connection)) {
      await updateIntegration(db, integration.id, { connection: connection as Record<string, unknown> }, clock.now(), [
        { actor: options.actor, kind: 'connection', before: { connection: integration.connection }, after: { connection }, note: `mapping used for ${fileName}` },
      ]);
    }
    return await finishReceivedRun(services, integration, run, result, `upload of ${fileName}`);
  } finally {
    await releaseLease(db, integration.id, owner);
  }
}
