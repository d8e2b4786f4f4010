import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { InMemoryRateBudgets } from '../../src/connectors/rate-budget.js';
import { createPlatformRegistry } from '../../src/connectors/registry.js';
import { SourceHttpClient, type SourceHttpClientOptions } from '../../src/connectors/source-http-client.js';
import { SourceHostPolicy } from '../../src/connectors/source-host-policy.js';
import type { Clock } from '../../src/core/ports.js';
import { DEFAULT_FAILURE_POLICY } from '../../src/core/integration-status.js';
import { createLogger } from '../../src/logger.js';
import { IntakeMetrics } from '../../src/observability/metrics.js';
import { CredentialCipher } from '../../src/security/credential-cipher.js';
import type { IntakeServices } from '../../src/services/intake-services.js';
import { newProcessId } from '../../src/services/intake-services.js';
import { LiveChecks, type LiveCheckPolicy } from '../../src/services/live-checks.js';
import type { OpenedDatabase } from '../../src/storage/open-database.js';

export interface TestServices extends IntakeServices {
  /** Every log line written, parsed. */
  logLines: Array<Record<string, unknown>>;
  /** The raw log text, to search for secrets. */
  logText(): string;
  close(): Promise<void>;
}

/** Services over a test database: fast retries, a silent captured logger, loopback hosts allowed. */
export function createTestServices(
  database: OpenedDatabase,
  options: { clock: Clock; extraHosts?: string[]; hostPolicy?: SourceHostPolicy; http?: Partial<SourceHttpClientOptions>; liveChecks?: LiveCheckPolicy },
): TestServices {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination: sink });
  const hostPolicy = options.hostPolicy ?? new SourceHostPolicy(options.extraHosts ?? ['127.0.0.1']);
  const platforms = createPlatformRegistry();
  const metrics = new IntakeMetrics();
  return {
    db: database.db,
    dialect: database.dialect,
    clock: options.clock,
    cipher: new CredentialCipher(randomBytes(32)),
    platforms,
    http: new SourceHttpClient({
      clock: options.clock,
      budgets: new InMemoryRateBudgets(options.clock),
      hostPolicy,
      backoffBaseMs: 10,
      timeoutMs: 5_000,
      observer: metrics.sourceObserver,
      ...options.http,
    }),
    hostPolicy,
    logger,
    metrics,
    processId: newProcessId(),
    leaseMs: 60_000,
    failurePolicy: DEFAULT_FAILURE_POLICY,
    liveChecks: new LiveChecks(options.liveChecks),
    get logLines() {
      return chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => chunks.join(''),
    close: () => platforms.close(),
  };
}
