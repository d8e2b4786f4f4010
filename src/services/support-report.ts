import type { Caller } from '../accounts/caller.js';
import { supportReportInputSchema } from '../api/contract/troubleshooting.js';
import type { Run } from '../core/run.js';
import { listHistory } from '../storage/integration-history.repository.js';
import { listRuns } from '../storage/run.repository.js';
import { listStatusEvents } from '../storage/status-event.repository.js';
import { platformOf } from './build-connector.js';
import { diagnoseReference, type DiagnosisResult } from './diagnose-reference.js';
import type { IntakeServices } from './intake-services.js';
import { integrationHealth, MAX_BUCKETS } from './integration-health.js';
import { getIntegration } from './manage-integrations.js';
import type { ReportRun, SupportReport } from './support-report-contents.js';
import { renderSupportReport } from './support-report-markdown.js';
import type { RunDispatcher } from './run-dispatch.js';
import { ValidationError, zodProblems } from './service-errors.js';


const RUNS_SHOWN = 500;

/**
 * The report the troubleshooting guide asks for, ready to attach to a ticket: the integration,
 * its status history, settings (no secrets) and their changes, runs, the diagnosis of each given
 * reference and the volume over the range. JSON and Markdown.
 */
export async function createSupportReport(services: IntakeServices, caller: Caller, rawInput: unknown, dispatcher?: RunDispatcher): Promise<{ report: SupportReport; markdown: string }> {
  const parsed = supportReportInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const input = parsed.data;
  const now = services.clock.now();
  const to = input.to ?? now.toISOString();
  if (input.from >= to) throw new ValidationError([{ path: 'to', message: 'must be after from' }]);
  // Queries take [from, end): without a `to`, "up to now" includes what started this very instant.
  const end = input.to ?? new Date(now.getTime() + 1).toISOString();
  const integration = await getIntegration(services, caller.workspaceId, input.integrationId);
  const platform = platformOf(services, integration.platform);
  const days = (Date.parse(to) - Date.parse(input.from)) / 86_400_000;
  if (days > MAX_BUCKETS) throw new ValidationError([{ path: 'from', message: `the range is ${Math.ceil(days)} days long; a report covers at most ${MAX_BUCKETS} days (about six years): start the range later` }]);
  // Read from the range's end backwards, so a busy integration's later runs do not crowd the range out.
  const listed = (await listRuns(services.db, integration.id, { before: end, limit: RUNS_SHOWN + 1 })).filter((r) => r.startedAt >= input.from);
  const runs = listed.slice(0, RUNS_SHOWN).map(reportRun);
  const diagnoses: DiagnosisResult[] = [];
  for (const sourceRef of input.sourceRefs) diagnoses.push(...(await diagnoseReference(services, caller, { sourceRef, integrationId: integration.id }, dispatcher)).diagnoses);
  const health = await integrationHealth(services, caller.workspaceId, integration.id, { from: input.from, to: end, bucket: days > 4 ? 'day' : 'hour' });
  const report: SupportReport = {
    generatedAt: now.toISOString(),
    generatedBy: caller.label,
    range: { from: input.from, to },
    integration: {
      id: integration.id,
      name: integration.name,
      platform: platform.displayName,
      sourceAccount: integration.sourceAccount,
      status: integration.status,
      lastError: integration.lastError,
      lastRanAt: integration.lastRanAt,
      lastDataImportedAt: integration.lastDataImportedAt,
      checkpointReachedAt: integration.checkpointReachedAt,
      connection: integration.connection,
      credentials: { set: integration.credentialsSet, updatedAt: integration.credentialsUpdatedAt },
      settings: integration.settings,
    },
    statusHistory: (await listStatusEvents(services.db, integration.id)).filter((e) => e.at < end && e.at >= input.from),
    settingsChanges: await listHistory(services.db, integration.id, { from: input.from, to: end }),
    runs: runs.filter((r) => !r.dryRun),
    runsTruncated: listed.length > RUNS_SHOWN,
    previews: runs.filter((r) => r.dryRun),
    diagnoses,
    volume: health.buckets,
  };
  return { report, markdown: renderSupportReport(report) };
}

function reportRun(r: Run): ReportRun {
  return { id: r.id, kind: r.kind, dryRun: r.dryRun, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, window: r.window, counts: r.counts, source: r.source, error: r.error, pages: r.pages };
}
