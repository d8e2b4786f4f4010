import type { Outcome } from '../core/decision.js';
import type { Run, RunKind } from '../core/run.js';
import { listDecisionsByRun, type RecordedDecision } from '../storage/decision.repository.js';
import { findRun, listRuns } from '../storage/run.repository.js';
import type { IntakeServices } from './intake-services.js';
import { getIntegration } from './manage-integrations.js';
import { NotFoundError } from './service-errors.js';

export async function listIntegrationRuns(services: IntakeServices, workspaceId: string, integrationId: string, query: { before?: string; limit?: number; kind?: RunKind }): Promise<Run[]> {
  const integration = await getIntegration(services, workspaceId, integrationId);
  return listRuns(services.db, integration.id, { before: query.before, limit: query.limit ?? 20, kind: query.kind });
}

export async function getRun(services: IntakeServices, workspaceId: string, id: string): Promise<Run> {
  const run = await findRun(services.db, id, workspaceId);
  if (!run) throw new NotFoundError('No such run in this workspace.');
  return run;
}

export async function listRunDecisions(
  services: IntakeServices,
  workspaceId: string,
  runId: string,
  query: { outcome?: Outcome; reason?: string; after?: number; limit?: number },
): Promise<{ decisions: RecordedDecision[]; nextAfter: number | null }> {
  const run = await getRun(services, workspaceId, runId);
  const limit = query.limit ?? 100;
  const decisions = await listDecisionsByRun(services.db, run.id, { outcome: query.outcome, reason: query.reason, afterId: query.after, limit: limit + 1 });
  const page = decisions.slice(0, limit);
  return { decisions: page, nextAfter: decisions.length > limit ? Number(page.at(-1)!.id) : null };
}
