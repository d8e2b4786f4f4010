import type { Integration } from '../core/integration.js';
import type { PlatformRegistry } from '../connectors/registry.js';
import type { IntegrationView, RunView } from './contract/integrations.js';
import { runProgress, type Run } from '../core/run.js';

/** An integration as the API shows it: status and history, never a credential. */
export function presentIntegration(integration: Integration, platforms: PlatformRegistry): IntegrationView {
  return {
    id: integration.id,
    name: integration.name,
    platform: integration.platform,
    platformName: platforms.get(integration.platform)?.displayName ?? integration.platform,
    sourceAccount: integration.sourceAccount,
    status: integration.status,
    statusSince: integration.status === 'paused' ? (integration.pause?.at ?? integration.healthSince) : integration.healthSince,
    lastError: integration.lastError,
    lastRanAt: integration.lastRanAt,
    lastDataImportedAt: integration.lastDataImportedAt,
    nextRunAt: integration.pause ? null : integration.nextRunAt,
    running: integration.runningSince !== null,
    activeRun: integration.activeRun ? presentActiveRun(integration.activeRun) : null,
    pause: integration.pause,
    credentials: { set: integration.credentialsSet, updatedAt: integration.credentialsUpdatedAt, sourceAccount: integration.sourceAccount },
    connection: integration.connection,
    settings: integration.settings,
    checkpoint: integration.checkpoint,
    checkpointReachedAt: integration.checkpointReachedAt,
    backfillHint: integration.backfillHint,
    settingsProblems: integration.settingsProblems,
    createdAt: integration.createdAt,
    updatedAt: integration.updatedAt,
  };
}

/** The run in flight, as an integration shows it: what it has read and what it waits for. */
function presentActiveRun(run: Run): NonNullable<IntegrationView['activeRun']> {
  return { id: run.id, kind: run.kind, startedAt: run.startedAt, pages: run.pages, counts: run.counts, source: run.source, wait: run.wait };
}

/** A run as the API shows it, with a backfill's progress computed at the time of asking. */
export function presentRun(run: Run, now: Date): RunView {
  // Who holds a run and how often it was taken are the queue's business, not the API's.
  const { claimedBy: _holder, claims: _claims, ...shown } = run;
  return { ...shown, progress: runProgress(run, now) };
}
