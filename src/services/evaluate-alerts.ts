import { evaluateVolume, VOLUME_POLICY, type HourCounts } from '../core/volume-alert.js';
import type { Integration } from '../core/integration.js';
import { closeAlert, listAlerts, openAlert, refreshAlert } from '../storage/alert.repository.js';
import { countDecisionsByBucket, countRunsByBucket } from '../storage/health.repository.js';
import { listHistory } from '../storage/integration-history.repository.js';
import { listIntegrations } from '../storage/integration.repository.js';
import { listWorkspaces } from '../storage/workspace.repository.js';
import type { IntakeServices } from './intake-services.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const BASELINE_WEEKS = 4;

/** Opens, refreshes and closes an integration's volume and no-import alerts. */
export async function evaluateAlerts(services: IntakeServices, integration: Integration): Promise<void> {
  const now = services.clock.now();
  const open = await listAlerts(services.db, { workspaceId: integration.workspaceId, integrationId: integration.id, openOnly: true });
  const openDrop = open.find((a) => a.kind === 'volume_drop');
  const openStale = open.find((a) => a.kind === 'no_imports');
  // A paused integration imports nothing by design: its status says so; no new alert.
  const paused = integration.status === 'paused';

  const weeks = Math.min(BASELINE_WEEKS, Math.floor((now.getTime() - Date.parse(integration.createdAt)) / WEEK));
  const windowStart = Math.floor(now.getTime() / HOUR) * HOUR - (VOLUME_POLICY.windowHours - 1) * HOUR;
  if (weeks >= 1 && !paused) {
    const from = new Date(windowStart - weeks * WEEK).toISOString();
    const to = new Date(windowStart + VOLUME_POLICY.windowHours * HOUR).toISOString();
    const rows = await countDecisionsByBucket(services.db, [integration.id], { from, to }, 'hour');
    const hours = new Map<string, HourCounts>();
    for (const row of rows) {
      const hour = `${row.bucket}:00:00.000Z`;
      const h = hours.get(hour) ?? hours.set(hour, { hour, imported: 0, seen: 0, excludedByReason: {} }).get(hour)!;
      h.seen += row.n;
      if (row.outcome === 'imported') h.imported += row.n;
      if (row.outcome === 'excluded' && row.reason) h.excludedByReason[row.reason] = (h.excludedByReason[row.reason] ?? 0) + row.n;
    }
    const recent = { from: new Date(windowStart).toISOString(), to };
    const runs = await countRunsByBucket(services.db, [integration.id], recent, 'day');
    const changes = (await listHistory(services.db, integration.id, { from: new Date(windowStart - 24 * HOUR).toISOString() }))
      .filter((h) => h.kind === 'settings')
      .map((h) => ({ at: h.at, actor: h.actor, keys: Object.keys(h.after ?? {}) }));
    const verdict = evaluateVolume(
      {
        now,
        hours: [...hours.values()],
        baselineWeeks: weeks,
        runs: runs.reduce((n, r) => n + r.runs, 0),
        failingRuns: runs.filter((r) => r.status === 'failed' || r.status === 'partial').reduce((n, r) => n + r.runs, 0),
        lastErrorMessage: integration.lastError?.message ?? null,
        settingsChanges: changes,
      },
      Boolean(openDrop),
    );
    if (verdict?.drop && !openDrop) {
      await openAlert(services.db, { workspaceId: integration.workspaceId, integrationId: integration.id, kind: 'volume_drop', cause: verdict.cause, message: verdict.message, detail: verdict.detail, now });
      services.logger.warn({ integrationId: integration.id, cause: verdict.cause }, `volume alert opened for "${integration.name}": ${verdict.message}`);
    } else if (verdict?.drop && openDrop) {
      await refreshAlert(services.db, openDrop.id, { cause: verdict.cause, message: verdict.message, detail: verdict.detail });
    } else if (openDrop) {
      await closeAlert(services.db, openDrop.id, now);
      services.logger.info({ integrationId: integration.id }, `volume alert closed for "${integration.name}": imports are back to normal`);
    }
  }

  const threshold = integration.settings.noImportAlertHours;
  const last = Date.parse(integration.lastDataImportedAt ?? integration.createdAt);
  const stale = threshold !== null && !paused && now.getTime() - last > threshold * HOUR;
  if (stale && !openStale) {
    const hours = Math.floor((now.getTime() - last) / HOUR);
    await openAlert(services.db, {
      workspaceId: integration.workspaceId,
      integrationId: integration.id,
      kind: 'no_imports',
      cause: 'stale',
      message: `Nothing has been imported for ${hours} hours (the alert threshold is ${threshold} hours). ${integration.status === 'active' ? 'The runs succeed: the source may be quiet, or every conversation is excluded — check the filters.' : `The integration is in ${integration.status}: ${integration.lastError?.message ?? ''}`}`.trim(),
      detail: { lastDataImportedAt: integration.lastDataImportedAt, thresholdHours: threshold },
      now,
    });
  } else if (!stale && openStale) {
    await closeAlert(services.db, openStale.id, now);
  }
}

/** Every integration of every workspace: the scheduler calls this every few minutes. */
export async function evaluateAllAlerts(services: IntakeServices): Promise<void> {
  for (const workspace of await listWorkspaces(services.db)) {
    for (const integration of await listIntegrations(services.db, workspace.id, services.clock.now())) {
      await evaluateAlerts(services, integration);
    }
  }
}
