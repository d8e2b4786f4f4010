import { z } from 'zod';
import type { Caller } from '../accounts/caller.js';
import { can } from '../accounts/caller.js';
import type { Decision } from '../core/decision.js';
import { diagnose } from '../core/diagnose.js';
import type { Diagnosis, DiagnosisFacts, LiveCheck } from '../core/diagnosis.js';
import { checkEligibility } from '../core/eligibility.js';
import { diagnosisEvidence } from '../core/evidence-visibility.js';
import { draftFromSnapshot, type EligibilitySnapshot } from '../core/eligibility-snapshot.js';
import type { Integration } from '../core/integration.js';
import { planPage } from '../core/plan-page.js';
import { emptyCounts } from '../core/run-counts.js';
import { SourceError } from '../core/source-error.js';
import { findContactsByRef, findContactsByRefs, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRef } from '../storage/decision.repository.js';
import { listHistory } from '../storage/integration-history.repository.js';
import { buildConnector, platformOf } from './build-connector.js';
import type { IntakeServices } from './intake-services.js';
import { listWorkspaceIntegrations } from './manage-integrations.js';
import { NotFoundError, ValidationError, zodProblems } from './service-errors.js';

export const diagnosisQuerySchema = z
  .object({
    sourceRef: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    integrationId: z.string().max(100).optional(),
  })
  .strict();

export interface DiagnosisResult extends Diagnosis {
  sourceRef: string;
  integration: { id: string; name: string; platform: string; platformName: string } | null;
  contact: ImportedContact | null;
  decisions: Decision[];
  liveCheck: { found: boolean; wouldBe: Decision['outcome'] | null; reason: string | null; evidence: Record<string, unknown> } | null;
  diagnosedAt: string;
}

/** When no integration was named and several could hold the reference, ask at most this many sources. */
const MAX_PROBES = 5;

/**
 * "Why is this contact missing?" for one source reference: gathers the ledger, the contact, the
 * integration's status and history — and, when the ledger has nothing and the integration is
 * healthy, asks the source for that one conversation as a dry run — then walks the checklist.
 */
export async function diagnoseReference(services: IntakeServices, caller: Caller, rawQuery: unknown): Promise<DiagnosisResult> {
  const parsed = diagnosisQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const { sourceRef, integrationId } = parsed.data;
  const integrations = await listWorkspaceIntegrations(services, caller.workspaceId);
  const byId = new Map(integrations.map((i) => [i.id, i]));
  if (integrationId && !byId.has(integrationId)) throw new NotFoundError('No such integration in this workspace.');
  const contacts = await findContactsByRef(services.db, caller.workspaceId, sourceRef);
  const allDecisions = await listDecisionsByRef(services.db, caller.workspaceId, sourceRef);

  let integration = integrationId ? byId.get(integrationId)! : pickIntegration(integrations, contacts, allDecisions);
  let live: LiveCheck | null = null;
  if (!integration && integrations.length > 0) {
    // Nobody has seen it: ask the sources, and diagnose against the one that knows it.
    for (const candidate of integrations.filter(healthy).slice(0, MAX_PROBES)) {
      const check = await liveCheck(services, candidate, sourceRef);
      if (check.kind === 'found' || !integration) {
        integration = candidate;
        live = check;
      }
      if (check.kind === 'found') break;
    }
  }
  const contact = integration ? (contacts.find((c) => c.platform === integration!.platform && c.sourceAccount === integration!.sourceAccount) ?? null) : null;
  const decisions = integration ? allDecisions.filter((d) => d.integrationId === integration!.id) : [];
  if (integration && !live && !contact && decisions.length === 0 && healthy(integration)) live = await liveCheck(services, integration, sourceRef);

  const platform = integration ? platformOf(services, integration.platform) : null;
  const latest = decisions[0];
  const snapshot = latest?.outcome === 'excluded' ? (latest.evidence.record as EligibilitySnapshot | undefined) : undefined;
  const facts: DiagnosisFacts = {
    sourceRef,
    now: services.clock.now(),
    integration,
    platformName: platform?.displayName ?? 'the source',
    referenceName: platform?.referenceName ?? 'reference',
    canSeeSettings: can(caller, 'manage_integrations'),
    contact: contact ? { id: contact.id, importedAt: contact.importedAt, refreshedAt: contact.refreshedAt, firstRunId: contact.firstRunId, sourceStatus: contact.sourceStatus } : null,
    elsewhere: contacts
      .filter((c) => c !== contact)
      .map((c) => ({ integrationName: (c.integrationId && byId.get(c.integrationId)?.name) || `${c.platform} account "${c.sourceAccount}"`, contactId: c.id })),
    decisions,
    settingsHistory: integration ? (await listHistory(services.db, integration.id)).filter((h) => h.kind === 'created' || h.kind === 'settings') : [],
    passesTodaysSettings: snapshot && integration ? checkEligibility(draftFromSnapshot(sourceRef, snapshot), integration.settings) === null : null,
    live,
  };
  const diagnosis = diagnose(facts);
  const redact = (evidence: Record<string, unknown>) => diagnosisEvidence(evidence, facts.canSeeSettings);
  return {
    ...diagnosis,
    sourceRef,
    integration: integration && platform ? { id: integration.id, name: integration.name, platform: integration.platform, platformName: platform.displayName } : null,
    contact: contact ?? (contacts[0] && diagnosis.cause === 'imported_elsewhere' ? contacts[0] : null),
    decisions: (integration ? decisions : allDecisions).map((d) => ({ ...d, evidence: redact(d.evidence) })),
    liveCheck:
      live === null || live.kind === 'error'
        ? null
        : live.kind === 'not_found'
          ? { found: false, wouldBe: null, reason: null, evidence: {} }
          : { found: true, wouldBe: live.wouldBe.outcome, reason: live.wouldBe.reason, evidence: redact(live.wouldBe.evidence) },
    diagnosedAt: services.clock.now().toISOString(),
  };
}

function healthy(integration: Integration): boolean {
  return integration.status === 'active' || (integration.status === 'warning' && integration.lastError?.category !== 'rate_limited');
}

/** The integration the ledger links the reference to: where it was imported, else where it was last decided. */
function pickIntegration(integrations: Integration[], contacts: ImportedContact[], decisions: Decision[]): Integration | null {
  const byId = new Map(integrations.map((i) => [i.id, i]));
  for (const contact of contacts) if (contact.integrationId && byId.has(contact.integrationId)) return byId.get(contact.integrationId)!;
  for (const decision of decisions) if (byId.has(decision.integrationId)) return byId.get(decision.integrationId)!;
  return integrations.length === 1 ? integrations[0]! : null;
}

/** Asks the source for the one conversation and decides it against today's settings, writing nothing. */
async function liveCheck(services: IntakeServices, integration: Integration, sourceRef: string): Promise<LiveCheck> {
  try {
    const connector = await buildConnector(services, integration);
    const record = connector.fetchOne ? await connector.fetchOne(sourceRef) : null;
    if (!record) return { kind: 'not_found' };
    const existing = record.ok ? await findContactsByRefs(services.db, integration, [record.contact.sourceRef]) : new Map();
    const plan = planPage({ records: [record], existing, settings: integration.settings, counts: emptyCounts() });
    return { kind: 'found', record, wouldBe: plan.decisions[0]! };
  } catch (error) {
    if (error instanceof SourceError) return { kind: 'error', category: error.category, message: error.message };
    throw error;
  }
}
