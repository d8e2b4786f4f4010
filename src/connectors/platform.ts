import type { z } from 'zod';
import type { Clock, Connector } from '../core/ports.js';
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
  /** Starts this platform's simulator over HTTP (for `intake sim`), when it has one. */
  startSimulator?(options: SimulatorOptions): Promise<RunningSimulator>;
}

export interface SimulatorOptions {
  port: number;
  host: string;
  contacts: number;
  /** Requests allowed per window on the rate-limited endpoint; null turns rate limiting off. */
  rateLimit: number | null;
  windowSeconds: number;
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
  stop(): Promise<void>;
}
