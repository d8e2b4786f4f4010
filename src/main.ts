import { fileURLToPath } from 'node:url';
import { ConfigError, type Config } from './config.js';
import { createPlatformRegistry } from './connectors/registry.js';
import { InMemoryRateBudgets } from './connectors/rate-budget.js';
import { SourceHttpClient } from './connectors/source-http-client.js';
import { IntakeMetrics } from './observability/metrics.js';
import { SourceHostPolicy } from './connectors/source-host-policy.js';
import type { Clock } from './core/ports.js';
import { systemClock } from './core/system-clock.js';
import type { Logger } from './logger.js';
import { freeDeadLeases } from './scheduling/free-dead-leases.js';
import { RunWorker } from './scheduling/run-worker.js';
import { Scheduler } from './scheduling/scheduler.js';
import { LiveChecks } from './services/live-checks.js';
import { checkCredentialKey } from './services/check-credential-key.js';
import { DatabaseRateBudgets } from './storage/database-rate-budgets.js';
import { bootstrapWorkspace } from './services/bootstrap-workspace.js';
import { bootstrapAdmin } from './accounts/bootstrap-admin.js';
import { buildApp, type App } from './api/build-app.js';
import { newProcessId, type IntakeServices } from './services/intake-services.js';
import { CredentialCipher } from './security/credential-cipher.js';
import { loadOrCreateSecretKey } from './security/secret-key.js';
import { migrateToLatest } from './storage/migrate.js';
import { DataFolderError } from './storage/data-folder.js';
import { databaseTarget, openDatabase, type OpenedDatabase } from './storage/open-database.js';
import { markStaleRunsInterrupted } from './storage/run.repository.js';
import { listAllowedSourceHosts } from './storage/operator-settings.repository.js';
import { addSourceHostsFromEnvironment } from './services/source-hosts.js';
import { recordListeningAddress } from './services/service-address.js';
import { notificationSender } from './services/manage-notifications.js';
import type { NotificationSender } from './notifications/notification-sender.js';

export interface OpenedIntake {
  services: IntakeServices;
  close(): Promise<void>;
}

/** Composition root: database (migrated), credential key, platforms and the shared source client. */
export async function openIntake(config: Config, logger: Logger, options: { clock?: Clock } = {}): Promise<OpenedIntake> {
  const clock = options.clock ?? systemClock;
  const metrics = new IntakeMetrics({ defaultMetrics: true });
  const database = openConfiguredDatabase(config);
  try {
    const applied = await migrateToLatest(database);
    if (applied.length > 0) logger.info({ migrations: applied }, `database migrated (${applied.join(', ')})`);
    const { key, source } = loadOrCreateSecretKey(config.secretKey, config.dataDir);
    if (source === 'generated') logger.info('generated a credential encryption key in the data folder (owner-only); back it up with the database');
    const cipher = new CredentialCipher(key);
    await checkCredentialKey(database.db, cipher, clock.now());
    const platforms = createPlatformRegistry();
    // The allowed extra hosts live in the database, shared by the service, workers and the CLI.
    const hostPolicy = new SourceHostPolicy([], { load: async () => (await listAllowedSourceHosts(database.db)).map((h) => h.host) });
    const http = new SourceHttpClient({
      clock,
      // Distributed: every process draws from budgets kept in the database; else one process's memory.
      budgets: config.runner === 'queue' ? new DatabaseRateBudgets(database.db, clock) : new InMemoryRateBudgets(clock),
      hostPolicy,
      maxRateLimitWaitMs: config.rateLimitMaxWaitMs,
      observer: metrics.sourceObserver,
    });
    const services: IntakeServices = {
      db: database.db,
      dialect: database.dialect,
      clock,
      cipher,
      platforms,
      http,
      hostPolicy,
      logger,
      metrics,
      processId: newProcessId(),
      leaseMs: config.leaseMs,
      backfillBudgetShare: config.backfillBudgetShare,
      failurePolicy: { outageRunsBeforeFailure: config.outageFailureRuns, outageMsBeforeFailure: config.outageFailureMs },
      liveChecks: new LiveChecks(),
      reconcileIntervalMs: config.reconcileIntervalMs,
    };
    const added = await addSourceHostsFromEnvironment(services, config.extraSourceHosts);
    if (added.length > 0) {
      logger.info({ hosts: added }, `INTAKE_EXTRA_SOURCE_HOSTS: allowed ${added.join(', ')} for every Intake process (stored in the database; see intake source-hosts list)`);
    }
    return {
      services,
      async close() {
        await platforms.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** `intake migrate`: applies pending migrations to the configured database and says which. */
export async function migrateConfiguredDatabase(config: Config): Promise<{ dialect: string; applied: string[] }> {
  const database = openConfiguredDatabase(config);
  try {
    return { dialect: database.dialect, applied: await migrateToLatest(database) };
  } finally {
    await database.close();
  }
}

function openConfiguredDatabase(config: Config): OpenedDatabase {
  try {
    return openDatabase(databaseTarget(config.databaseUrl ?? undefined, config.sqliteFile));
  } catch (error) {
    // A data folder Intake cannot write is a problem of the environment: said as one, with its fix.
    if (error instanceof DataFolderError) throw new ConfigError([error.message]);
    throw error;
  }
}

export interface RunningIntake extends OpenedIntake {
  scheduler: Scheduler;
  app: App;
  /** Where the API and UI listen (the port is the real one when PORT=0). */
  url: string;
}

/** `intake start`: first-start bootstrap, crash recovery, the scheduler, and the API and UI on HOST:PORT. */
export async function startIntake(config: Config, logger: Logger): Promise<RunningIntake> {
  const opened = await openIntake(config, logger);
  const { services } = opened;
  let scheduler: Scheduler | null = null;
  let sender: NotificationSender | null = null;
  try {
    const boot = await bootstrapWorkspace(services, { starter: config.sandbox });
    if (boot.created) {
      logger.info({ workspaceId: boot.workspace.id }, `created the workspace "${boot.workspace.name}"`);
      if (boot.starter) logger.info({ integrationId: boot.starter.id }, `added the starter integration "${boot.starter.name}": contacts start arriving in a few seconds`);
    }
    await freeDeadLeases(services);
    await markStaleRunsInterrupted(services.db, services.clock.now(), services.leaseMs * 2);
    const queueOnly = config.runner === 'queue';
    scheduler = new Scheduler(services, { maxConcurrent: config.maxConcurrentRuns, maxBackfills: config.maxConcurrentBackfills, ledgerRetentionDays: config.ledgerRetentionDays, queueOnly, tickMs: Math.min(1000, config.queuePollMs) });
    // Links name the address the server really listens on (PORT=0 picks one) unless one is configured.
    let listeningAt = config.publicUrl ?? `http://${config.host}:${config.port}`;
    const app = await buildApp({ services, launcher: scheduler, publicUrl: () => listeningAt, trustedProxies: config.trustedProxies, webRoot: fileURLToPath(new URL('./web/', import.meta.url)) });
    const address = await app.listen({ host: config.host, port: config.port });
    const url = config.publicUrl ?? address;
    listeningAt = url;
    // So the CLI prints links to where users really reach the service, whatever its PORT.
    await recordListeningAddress(services, url);
    const link = await bootstrapAdmin(services, boot.workspace.id);
    if (link) {
      // The one place a secret is printed: once, on the console of the machine that started Intake.
      process.stdout.write(
        `\nFirst start: sign in as the workspace admin with this one-time link (valid until ${link.expiresAt}):\n\n  ${url}/sign-in#link=${encodeURIComponent(link.token)}\n\n`,
      );
    }
    // The outbox's sender: delivers notifications written with the changes that caused them.
    sender = notificationSender(services, { gatherMs: config.notifyGatherMs });
    sender.start();
    if (config.scheduler) scheduler.start();
    else logger.info('the scheduler is off (INTAKE_SCHEDULER=off): no imports run in this process');
    if (queueOnly) logger.info('distributed mode (INTAKE_RUNNER=queue): every run is queued for `intake worker` processes');
    logger.info({ url }, `API and web UI on ${url} (API docs at ${url}/docs)`);
    const running = scheduler;
    const notifications = sender;
    return {
      services,
      scheduler: running,
      app,
      url,
      async close() {
        await app.close();
        await notifications.stop();
        await running.stop();
        await opened.close();
      },
    };
  } catch (error) {
    await sender?.stop();
    await scheduler?.stop();
    await opened.close();
    throw error;
  }
}

/**
 * `intake worker`: runs imports only, claiming queued runs of every kind from the database
 * (distributed mode). Several workers on several machines share one PostgreSQL; the run lease is
 * the one exclusion and the one timeout.
 */
export async function startWorker(config: Config, logger: Logger): Promise<OpenedIntake & { port: number | null }> {
  if (config.runner !== 'queue') {
    throw new ConfigError(['INTAKE_RUNNER: `intake worker` takes its runs from the queue; set INTAKE_RUNNER=queue (with DATABASE_URL) here and on `intake start`']);
  }
  const opened = await openIntake(config, logger);
  const { services } = opened;
  let worker: RunWorker | null = null;
  try {
    await freeDeadLeases(services);
    worker = new RunWorker(services, {
      maxConcurrent: config.workerMaxConcurrentRuns,
      maxBackfills: config.workerMaxConcurrentBackfills,
      pollMs: config.queuePollMs,
      port: config.workerPort,
      host: config.host,
    });
    const port = await worker.start();
    const running = worker;
    return {
      services,
      port,
      async close() {
        await running.stop();
        await opened.close();
      },
    };
  } catch (error) {
    await worker?.stop();
    await opened.close();
    throw error;
  }
}
