import type { z } from 'zod';
import type { NormalisedStatus } from '../core/contact.js';
import type { Clock, Connector, MappedRecord, SourcePage } from '../core/ports.js';
import type { ErrorCategory } from '../core/source-error.js';
import type { SourceHttpClient } from './source-http-client.js';
import type { SourceHostPolicy } from './source-host-policy.js';

/** Who the credentials authenticate, as the source says. */
export interface VerifiedIdentity {
  /** The source account the credentials belong to (subdomain, domain, app id…). */
  sourceAccount: string;
  /** The user or app behind the credentials, for display ("admin@acme.com"). */
  principal: string;
}

/** A connector bound to one integration's connection and credentials. */
export interface PlatformConnector extends Connector {
  /** One cheap authenticated call: who are these credentials, and may they read what we need? */
  verifyCredentials(signal?: AbortSignal): Promise<VerifiedIdentity>;
  /** The rate limit that bounds a full read (for backfill estimates): R requests per W seconds. */
  readonly rateLimit?: { requests: number; perSeconds: number };
  /** One conversation by its source reference, mapped; null when the source does not know it. */
  fetchOne?(sourceRef: string, signal?: AbortSignal): Promise<import('../core/ports.js').MappedRecord | null>;
  /** The people conversations are assigned to (the contact's `agent` is their id), for filters and lists by name. */
  listAgents?(signal?: AbortSignal): Promise<DirectoryEntry[]>;
  /** The custom fields the platform defines (the contact's `customFields` are keyed by `id`), with their names. */
  listCustomFields?(signal?: AbortSignal): Promise<DirectoryEntry[]>;
  /**
   * For platforms whose change feed never shows a deletion: given the references Intake holds,
   * yields those the source no longer has (in batches), so they can be recorded `deleted_at_source`.
   */
  findDeleted?(known: readonly string[], signal?: AbortSignal): AsyncIterable<string[]>;
}

/** One agent or custom field as the platform names it. */
export interface DirectoryEntry {
  id: string;
  name: string;
  /** e.g. an agent's email, a field's type. */
  detail?: string | null;
}

export interface ConnectorContext<Connection, Credentials> {
  connection: Connection;
  credentials: Credentials;
  http: SourceHttpClient;
  clock: Clock;
}

/**
 * Everything Intake knows about one platform. Adding a platform is adding a folder with one of
 * these and a line in registry.ts; the core never learns its name.
 */
export interface PlatformDefinition<Connection = unknown, Credentials = unknown> {
  id: string;
  displayName: string;
  /** What the source reference is called on this platform ("ticket id"). */
  referenceName: string;
  /** Non-secret connection settings, validated with field-level messages. */
  connectionSchema: z.ZodType<Connection>;
  credentialsSchema: z.ZodType<Credentials>;
  /** The source account a connection points at (the dedup key's account part). */
  sourceAccount(connection: Connection): string;
  /** Problems with the connection under the host policy, as [field, message] pairs. */
  connectionProblems(connection: Connection, hostPolicy: SourceHostPolicy): Array<{ path: string; message: string }>;
  createConnector(context: ConnectorContext<Connection, Credentials>): PlatformConnector;
  /**
   * For platforms whose connection cannot name the account (Intercom: the access token decides the
   * workspace): the connection bound to the account the credentials proved, so `sourceAccount`
   * reads it from then on. Shells call it after verifyCredentials, before saving.
   */
  bindAccount?(connection: Connection, identity: VerifiedIdentity): Connection;
  /** How the product shows the platform and asks for its settings (web UI and CLI are built from it). */
  presentation: PlatformPresentation;
  capabilities: PlatformCapabilities;
  /**
   * A ready-made integration of this platform the product offers without asking anything (first
   * start, the empty Platforms screen): the sandbox's. Its connection is made at the moment it is added.
   */
  starter?: { name: string; connection(now: Date): Record<string, unknown>; intervalMinutes: number };
  /** Starts this platform's simulator over HTTP (for `intake sim`), when it has one. */
  startSimulator?(options: SimulatorOptions): Promise<RunningSimulator>;
  /**
   * Drives this platform's simulator with generic controls, so the platform contract suite
   * (test/contract/) runs over it: declaring one is all it takes to be tested like every other.
   */
  contract?: ContractHarness;
  /** For platforms whose contacts arrive as uploaded files rather than being read from a source. */
  files?: FileIntake<Connection>;
  /** For platforms whose contacts are pushed to Intake's API by the customer's own scripts. */
  push?: PushIntake;
  /**
   * For platforms whose records are handed to Intake (files, pushes) and so cannot be fetched by
   * reference: the manual import of one reads the kept copy of a record that was not imported
   * (see docs/platforms/file.md) and maps it again with the integration's connection as it is now.
   */
  received?: ReceivedIntake<Connection>;
}

/** How a platform maps a kept copy of a record it received, again. */
export interface ReceivedIntake<Connection> {
  /**
   * The kept values mapped with today's connection (a corrected mapping, time zone or date order
   * applies), or a failure naming the field; `version` is the re-import's, for records without their own.
   */
  mapKept(values: Record<string, unknown>, options: { connection: Connection; location: string; version: number }): MappedRecord;
}

/** How an upload reads, from its first bytes: its format and columns, or why it is refused. */
export type FileInspection =
  | { ok: true; format: string; encoding: string; delimiter: string | null; columns: string[] }
  | { ok: false; message: string };

/** One field of an upload's column mapping, as the mapping form asks for it. */
export interface MappingTarget {
  key: string;
  label: string;
  required: boolean;
  help: string;
  /** Takes several columns (custom fields). */
  multiple: boolean;
}

/**
 * What a file platform does with an upload. Shells stream the bytes; the platform says how to
 * read them. Nothing is written before `inspect` and `mappingProblems` accept the file.
 */
export interface FileIntake<Connection> {
  /** From the file's first bytes (up to 64 KiB): how it reads and its columns, or a refusal in words. */
  inspect(head: Uint8Array, fileName: string): FileInspection;
  /** Each mapping target's column as guessed from the column names (null: no guess), even when the guess is incomplete. */
  suggestMapping(columns: readonly string[]): Record<string, string | string[] | null>;
  /** The connection with a mapping proposed from these columns where it has none. */
  proposeConnection(connection: Connection, columns: readonly string[]): Connection;
  /** What stops this connection reading a file with these columns (no mapping, a column it lacks). */
  mappingProblems(connection: Connection, columns: readonly string[]): Array<{ path: string; message: string }>;
  /** The mapping form's fields, in order. */
  mappingTargets: MappingTarget[];
  /**
   * The rows as pages of mapped records; each bad row a failure naming its row and column. Every row
   * carries `version`, so a later upload of the same rows is newer.
   */
  readPages(
    bytes: AsyncIterable<Uint8Array>,
    options: { connection: Connection; layout: Extract<FileInspection, { ok: true }>; fileName: string; version: number; pageSize: number },
  ): AsyncIterable<SourcePage>;
}

/** What a push platform does with records its API receives. */
export interface PushIntake {
  /** The most records one request may carry. */
  maxBatch: number;
  /** One received record (untrusted JSON) mapped as a connector maps its own; `index` places it in the batch. */
  mapRecord(raw: unknown, index: number): MappedRecord;
}

/** What the contract suite needs of a platform: its simulator, in-process, behind generic controls. */
export interface ContractHarness {
  start(options: ContractSimulatorOptions): Promise<ContractSimulator>;
  /**
   * After a change, how long until the platform's change feed shows it (Zendesk leaves out the
   * last minute, Intercom's search index trails writes): the suite moves its clock this far.
   */
  settleMs: number;
  /** The ways this platform refuses credentials, each with the category and the fix its message names. */
  authFailures: ContractAuthFailure[];
}

export interface ContractSimulatorOptions {
  /** The simulator's clock, shared with the services under test (a ManualClock). */
  clock: Clock;
  /** Conversations seeded, all changed within the last weeks before the clock's now. */
  contacts: number;
  seed?: number;
  /** Requests allowed per window on the endpoint a run pages through; null: no rate limit. */
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** The largest page the simulator serves, so a few conversations make many pages. */
  pageSize: number;
  /** The source account (subdomain, domain, workspace id); the harness's own default otherwise. */
  account?: string;
}

/** The faults every harness maps onto its simulator's own switches. `count`: that many requests, else until cleared. */
export type ContractFault =
  | { kind: 'rate_limited'; retryAfterSeconds: number; count?: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 | 504; count?: number }
  /** Answers after `delayMs` of real time. */
  | { kind: 'slow'; delayMs: number; count?: number }
  | { kind: 'reset_mid_body'; count?: number }
  | { kind: 'malformed_json'; count?: number }
  | { kind: 'truncated_json'; count?: number }
  | { kind: 'html_page'; count?: number }
  /** A field every record needs, renamed in every record (an API change). */
  | { kind: 'renamed_field'; count?: number };

export type ContractAuthFailureKind = 'revoked' | 'expired' | 'forbidden';

export interface ContractAuthFailure {
  kind: ContractAuthFailureKind;
  category: ErrorCategory;
  /** What the message must name as the fix ("Reconnect …", "administrator"). */
  fix: RegExp;
  /** Requests the refused run makes (1 unless the platform fetches a token before the refusal shows). */
  requests?: number;
}

/** A simulator started for the contract suite, and its controls. */
export interface ContractSimulator {
  url: string;
  sourceAccount: string;
  /** The connection and credentials an integration needs to import from it. */
  connection: Record<string, unknown>;
  credentials: Record<string, unknown>;
  /** Credentials of the right shape the platform refuses, and the category they are refused with. */
  wrongCredentials: { credentials: Record<string, unknown>; category: ErrorCategory };
  /** Every reference the source would list now (deleted ones it still lists included). */
  sourceRefs(): string[];
  /** A new conversation, changed now, in this status; returns its reference. */
  createRecord(status: 'open' | 'pending' | 'closed'): string;
  /** A change that leaves the status as it is (priority, tags…). */
  updateRecord(sourceRef: string): void;
  closeRecord(sourceRef: string): void;
  /** Deletes it as a user of the platform would (to the trash, or gone). */
  deleteRecord(sourceRef: string): void;
  /** From the paged request after `afterPagedRequests` more succeed (default 0: the next one). */
  setFault(fault: ContractFault, options?: { afterPagedRequests?: number }): void;
  clearFaults(): void;
  /** Makes the credentials fail one of the ways `authFailures` lists; restoreCredentials undoes it. */
  failCredentials(kind: ContractAuthFailureKind): void;
  restoreCredentials(): void;
  stats(): { requests: number; pagedRequests: number; throttled: number };
  stop(): Promise<void>;
}

export interface SimulatorOptions {
  port: number;
  host: string;
  contacts: number;
  /**
   * Requests allowed per window on the rate-limited endpoint; null turns rate limiting off. Left
   * out, and likewise `windowSeconds`, the platform's own default applies (Zendesk's export allows
   * 10 a minute, Intercom counts in 10-second windows).
   */
  rateLimit?: number | null;
  windowSeconds?: number;
  pageSize?: number;
  seed: number;
  account?: string;
  /** Keep creating and changing conversations while running. */
  live: boolean;
}

export interface RunningSimulator {
  url: string;
  sourceAccount: string;
  /** The connection and credentials an integration needs to import from it. */
  connection: Record<string, unknown>;
  credentials: Record<string, unknown>;
  /** The rate limit in force, in the requests `rateLimit` counts; null when off. */
  rateLimit: { requests: number; windowSeconds: number } | null;
  stop(): Promise<void>;
}

/** The rate limit a simulator runs with: what was asked, the rest from the platform's own default. */
export function simulatorRateLimit(options: SimulatorOptions, own: { requests: number; windowSeconds: number }): { requests: number; windowSeconds: number } | null {
  if (options.rateLimit === null) return null;
  return { requests: options.rateLimit ?? own.requests, windowSeconds: options.windowSeconds ?? own.windowSeconds };
}

/** Everything the web UI and the CLI show or ask about a platform; nothing outside its folder names it. */
export interface PlatformPresentation {
  /** What one conversation is called: { one: 'ticket', many: 'tickets' } ('conversation', 'call'). */
  noun: { one: string; many: string };
  /** A small badge beside the name: one or two letters on a colour with enough contrast for white text. */
  mark: { letters: string; colour: string };
  /** One sentence for the Add form: what is read, and how. */
  summary: string;
  /** The non-secret connection settings, in the order the form asks for them. */
  connectionFields: PlatformField[];
  /** Ways to authenticate (one entry for platforms with one); `kind` is the credentials' discriminator. */
  credentialVariants: CredentialVariant[];
  /** The platform's own status words, each folded onto Intake's lifecycle (for filters and criteria). */
  statuses: Array<{ value: string; label: string; normalised: NormalisedStatus }>;
  /** Channel words contacts of this platform carry (filter suggestions). */
  channels: string[];
  /** What to do about each error category on this platform, where it differs from the general advice. */
  errorFixes: Partial<Record<ErrorCategory, string>>;
}

export interface PlatformField {
  /** The key in `connection` or `credentials`. */
  key: string;
  label: string;
  help?: string;
  placeholder?: string;
  kind: 'text' | 'url' | 'email' | 'secret';
  required: boolean;
  /** Folded away in the form (a base URL for proxies and simulators). */
  advanced?: boolean;
  /** The command line's own flag for it (`--subdomain`); every field also works as `--connection key=value`. */
  flag?: string;
  /** The only values it takes (a form shows a select): Genesys Cloud's regions. */
  options?: Array<{ value: string; label: string }>;
}

export interface CredentialVariant {
  /** The value of `credentials.kind`, or null for platforms whose credentials have no kind. */
  kind: string | null;
  label: string;
  help?: string;
  fields: PlatformField[];
}

export interface PlatformCapabilities {
  /** Credentials must be entered (not for the sandbox). */
  credentialsNeeded: boolean;
  /** One conversation can be fetched by reference (manual import, live diagnosis). */
  fetchOne: boolean;
  /** A date range can be re-read (backfill). */
  backfill: boolean;
  /** Deletions at the source are noticed (recorded `deleted_at_source`). */
  detectsDeletions: boolean;
  /** Agents and custom fields can be listed by name. */
  directory: boolean;
}
