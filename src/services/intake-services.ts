import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/ports.js';
import type { FailurePolicy } from '../core/integration-status.js';
import type { PlatformRegistry } from '../connectors/registry.js';
import type { SourceHttpClient } from '../connectors/source-http-client.js';
import type { SourceHostPolicy } from '../connectors/source-host-policy.js';
import type { Logger } from '../logger.js';
import type { IntakeMetrics } from '../observability/metrics.js';
import type { CredentialCipher } from '../security/credential-cipher.js';
import type { DialectName } from '../storage/open-database.js';
import type { Database } from '../storage/schema.js';
import type { LiveChecks } from './live-checks.js';

/** What every service function needs; built once by a composition root. */
export interface IntakeServices {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  cipher: CredentialCipher;
  platforms: PlatformRegistry;
  http: SourceHttpClient;
  hostPolicy: SourceHostPolicy;
  logger: Logger;
  metrics: IntakeMetrics;
  /** `host/pid/random`: whose run leases are whose, so a restarted process can free a dead one's. */
  processId: string;
  /** How long a run lease lasts without renewal. */
  leaseMs: number;
  /** The share of a source account's rate budget a backfill may use (default 0.7); the rest stays for scheduled runs. */
  backfillBudgetShare?: number;
  /** When a persisting outage turns an integration's status into `failure`. */
  failurePolicy: FailurePolicy;
  /** Diagnosis's direct questions to sources: cached briefly, limited per caller. */
  liveChecks: LiveChecks;
  /** How often, at most, an integration's source is asked which held contacts it deleted (INTAKE_RECONCILE_HOURS; default 24 h). */
  reconcileIntervalMs?: number;
}

export function newProcessId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}
