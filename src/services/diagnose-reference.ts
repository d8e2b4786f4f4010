import type { Caller } from '../accounts/caller.js';
import { diagnosisQuerySchema } from '../api/contract/diagnosis.js';
import type { Decision } from '../core/decision.js';
import { diagnose } from '../core/diagnose.js';
import type { Diagnosis, DiagnosisFacts, LiveCheck } from '../core/diagnosis.js';
import { checkEligibility } from '../core/eligibility.js';
import { diagnosisEvidence, visibilityFor, type Visibility } from '../core/evidence-visibility.js';
import { draftFromSnapshot, type EligibilitySnapshot } from '../core/eligibility-snapshot.js';
import type { Integration } from '../core/integration.js';
import { planPage } from '../core/plan-page.js';
import { emptyCounts } from '../core/run-counts.js';
import { findContactsByRef, findContactsByRefs, type ImportedContact } from '../storage/contact.repository.js';
import { listDecisionsByRef, type RecordedDecision } from '../storage/decision.repository.js';
import { listHistory } from '../storage/integration-history.repository.js';
import { insertRun } from '../storage/run.repository.js';
import { cancelQueuedRun, readRunOutput } from '../storage/run-queue.repository.js';
import { platformOf } from './build-connector.js';
import type { LiveCheckOutput } from './execute-run.js';
import { runToEnd } from './import-one.js';
import type { LookedUp } from './live-checks.js';
import type { RunDispatcher } from './run-dispatch.js';
import type { IntakeServices } from './intake-services.js';
import { listWorkspaceIntegrations } from './manage-integrations.js';
import { NotFoundError, ValidationError, zodProblems } from './service-errors.js';
import { directoryNamesOf } from './directory-read.js';
import { keptCopyOf } from './received-copies.js';

/** Where a diagnosis looked: the integration, and the platform and source account that give the reference its meaning. */
export interface DiagnosedIntegration {
  id: string;
  name: string;
  platform: string;
  platformName: string;
  sourceAccount: string;
}

/** The diagnosis of a reference under one integration (or under none, when no integration could hold it). */
export interface DiagnosisResult extends Diagnosis {
  sourceRef: string;
  integration: DiagnosedIntegration | null;
  contact: ImportedContact | null;
  decisions: RecordedDecision[];
  liveCheck: { found: boolean; wouldBe: Decision['outcome'] | null; reason: string | null; evidence: Record<string, unknown> } | null;
  /** A record handed to Intake that was not imported: the copy kept of it (its values for View Imported Contacts only). */
  received: { location: string; receivedAt: string; values: Record<string, unknown> | null } | null;
  diagnosedAt: string;
}

/** Every integration's answer for one reference: in each source account it is a different conversation. */
export interface ReferenceDiagnoses {
  sourceRef: string;
  /** One sentence over all of them. */
  summary: string;
  diagnoses: DiagnosisResult[];
  diagnosedAt: string;
}

/** When no integration's ledger knows the reference, ask at most this many sources. */
const MAX_PROBES = 5;

/**
 * "Why is this contact missing?" for one source reference. A reference identifies a conversation
 * only with its platform and source account, so the answer is per integration: with
 * `integrationId`, that integration's; without, each integration that could hold it — those whose
 * ledger knows the reference, else those whose source, asked directly (a dry run), knows it, and
 * those that could not be asked (paused, failing, rate limited).
 */
export async function diagnoseReference(services: IntakeServices, caller: Caller, rawQuery: unknown, dispatcher?: RunDispatcher): Promise<ReferenceDiagnoses> {
  const parsed = diagnosisQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw new ValidationError(zodProblems(parsed.error.issues));
  const { sourceRef, integrationId } = parsed.data;
  // Independent reads go out together: a diagnosis waits for two round trips to the database, not six.
  const [integrations, contacts, workspaceDecisions] = await Promise.all([
    listWorkspaceIntegrations(services, caller.workspaceId),
    findContactsByRef(services.db, caller.workspaceId, sourceRef),
    integrationId ? null : listDecisionsByRef(services.db, caller.workspaceId, sourceRef, { limit: 500 }),
  ]);
  if (integrationId && !integrations.some((i) => i.id === integrationId)) throw new NotFoundError('No such integration in this workspace.');
  const context: LookupContext = {
    services,
    caller,
    sourceRef,
    integrations,
    contacts,
    visibility: visibilityFor(caller.permissions),
    dispatcher,
  };

  let diagnoses: DiagnosisResult[];
  if (integrationId) {
    diagnoses = [await diagnoseUnder(context, integrations.find((i) => i.id === integrationId)!, null)];
  } else {
    const decided = new Set((workspaceDecisions ?? []).map((d) => d.integrationId));
    const live = new Set(integrations.map((i) => i.id));
    // A contact whose integration was deleted belongs to its account: integrations on that account hold it.
    const holds = (i: Integration, c: ImportedContact) =>
      c.integrationId === i.id || ((c.integrationId === null || !live.has(c.integrationId)) && c.platform === i.platform && c.sourceAccount === i.sourceAccount);
    const holders = integrations.filter((i) => decided.has(i.id) || context.contacts.some((c) => holds(i, c)));
    diagnoses = holders.length > 0 ? await Promise.all(holders.map((i) => diagnoseUnder(context, i, null))) : await probeSources(context);
  }
  return { sourceRef, summary: summarise(diagnoses), diagnoses, diagnosedAt: services.clock.now().toISOString() };
}

interface LookupContext {
  services: IntakeServices;
  caller: Caller;
  sourceRef: string;
  integrations: Integration[];
  /** Every contact of the workspace with this reference, whatever its account. */
  contacts: ImportedContact[];
  visibility: Visibility;
  /** Where live checks run (a worker in distributed mode); without one, in this process. */
  dispatcher: RunDispatcher | undefined;
}

/**
 * No ledger knows the reference: ask the healthy sources (a few at most) and diagnose under each
 * one that has it; the integrations that could not be asked could hold it too, so they say why.
 */
async function probeSources(context: LookupContext): Promise<DiagnosisResult[]> {
  const healthyOnes = context.integrations.filter(healthy);
  const checks = await Promise.all(healthyOnes.slice(0, MAX_PROBES).map(async (i) => ({ integration: i, live: await liveCheck(context, i) })));
  const found = checks.filter((c) => c.live.kind === 'found');
  const unsettled = found.length > 0 ? found : checks.filter((c) => c.live.kind === 'error' || c.live.kind === 'skipped');
  const results = await Promise.all(unsettled.map((c) => diagnoseUnder(context, c.integration, c.live)));
  const unasked = context.integrations.filter((i) => !healthy(i));
  if (found.length === 0) results.push(...(await Promise.all(unasked.map((i) => diagnoseUnder(context, i, null)))));
  if (results.length > 0) return results;
  // Nobody has it. With one integration its own "not found" says the most; with several, one answer for all.
  if (checks.length === 1) return [await diagnoseUnder(context, checks[0]!.integration, checks[0]!.live)];
  return [nowhere(context, checks.map((c) => c.integration))];
}

async function diagnoseUnder(context: LookupContext, integration: Integration, knownLive: LiveCheck | null): Promise<DiagnosisResult> {
  const { services, sourceRef, visibility } = context;
  // The contact this integration's account holds under the reference (shared by every integration on that account).
  const sameAccount = context.contacts.filter((c) => c.platform === integration.platform && c.sourceAccount === integration.sourceAccount);
  const known = new Set(context.integrations.map((i) => i.id));
  // A contact whose integration was deleted is inherited by the integrations that read its account.
  const own = sameAccount.find((c) => c.integrationId === integration.id) ?? sameAccount.find((c) => c.integrationId === null || !known.has(c.integrationId)) ?? null;
  const platform = platformOf(services, integration.platform);
  const [decisions, history, directoryNames, kept] = await Promise.all([
    listDecisionsByRef(services.db, context.caller.workspaceId, sourceRef, { integrationId: integration.id }),
    listHistory(services.db, integration.id),
    directoryNamesOf(services, integration),
    platform.received && !own ? keptCopyOf(services, integration, sourceRef) : null,
  ]);
  const names = new Map(context.integrations.map((i) => [i.id, i.name]));
  let live = knownLive;
  if (!live && !own && sameAccount.length === 0 && decisions.length === 0 && healthy(integration)) live = await liveCheck(context, integration);

  const latest = decisions[0];
  const snapshot = latest?.outcome === 'excluded' ? (latest.evidence.record as EligibilitySnapshot | undefined) : undefined;
  const facts: DiagnosisFacts = {
    sourceRef,
    now: services.clock.now(),
    integration,
    platformName: platform.displayName,
    referenceName: platform.referenceName,
    visibility,
    contact: own ? { id: own.id, importedAt: own.importedAt, refreshedAt: own.refreshedAt, firstRunId: own.firstRunId, sourceStatus: own.sourceStatus } : null,
    elsewhere: sameAccount
      .filter((c) => c !== own)
      .map((c) => ({ integrationName: (c.integrationId && names.get(c.integrationId)) || 'an integration that was deleted', contactId: c.id })),
    decisions,
    settingsHistory: history.filter((h) => h.kind === 'created' || h.kind === 'settings'),
    passesTodaysSettings: snapshot ? checkEligibility(draftFromSnapshot(sourceRef, snapshot), integration.settings) === null : null,
    live,
    // A record handed to Intake is imported by hand from its kept copy, when one is kept.
    canFetchOne: platform.capabilities.fetchOne || kept !== null,
    kept: kept ? { location: kept.location, receivedAt: kept.receivedAt } : null,
    receivesRecords: platform.received !== undefined,
    directoryNames,
  };
  const diagnosis = diagnose(facts);
  const redact = (evidence: Record<string, unknown>) => diagnosisEvidence(evidence, visibility);
  return {
    ...diagnosis,
    sourceRef,
    integration: { id: integration.id, name: integration.name, platform: integration.platform, platformName: platform.displayName, sourceAccount: integration.sourceAccount },
    // The conversation's own data goes to readers with View Imported Contacts only.
    contact: visibility.contacts ? (own ?? (diagnosis.cause === 'imported_elsewhere' ? (sameAccount[0] ?? null) : null)) : null,
    decisions: decisions.map((d) => ({ ...d, evidence: redact(d.evidence) })),
    liveCheck:
      live === null || live.kind === 'error' || live.kind === 'skipped'
        ? null
        : live.kind === 'not_found'
          ? { found: false, wouldBe: null, reason: null, evidence: {} }
          : { found: true, wouldBe: live.wouldBe.outcome, reason: live.wouldBe.reason, evidence: redact(live.wouldBe.evidence) },
    received: kept ? { location: kept.location, receivedAt: kept.receivedAt, values: visibility.contacts ? kept.values : null } : null,
    diagnosedAt: services.clock.now().toISOString(),
  };
}

/** No integration could hold the reference: no ledger knows it and no source asked has it. */
function nowhere(context: LookupContext, asked: Integration[]): DiagnosisResult {
  const facts: DiagnosisFacts = {
    sourceRef: context.sourceRef,
    now: context.services.clock.now(),
    integration: null,
    platformName: 'the source',
    referenceName: 'reference',
    visibility: context.visibility,
    contact: null,
    elsewhere: [],
    decisions: [],
    settingsHistory: [],
    passesTodaysSettings: null,
    live: null,
  };
  const diagnosis = diagnose(facts);
  const where = asked.map((i) => `"${i.name}" (${platformOf(context.services, i.platform).displayName}, ${i.sourceAccount})`).join(', ');
  return {
    ...diagnosis,
    verdict: asked.length > 0 ? `No integration has seen ${context.sourceRef}, and none of the sources asked knows it: ${where}. Check the reference.` : diagnosis.verdict,
    sourceRef: context.sourceRef,
    integration: null,
    contact: null,
    decisions: [],
    liveCheck: null,
    received: null,
    diagnosedAt: context.services.clock.now().toISOString(),
  };
}

/** One sentence over every integration's answer. */
function summarise(diagnoses: DiagnosisResult[]): string {
  if (diagnoses.length === 1) return diagnoses[0]!.verdict;
  const parts = diagnoses.map((d) => `under "${d.integration?.name}" (${d.integration?.platformName}, ${d.integration?.sourceAccount}): ${CAUSE_WORDS[d.cause]}`);
  return `${diagnoses[0]!.sourceRef} names a different conversation in each of ${diagnoses.length} integrations — ${parts.join('; ')}.`;
}

const CAUSE_WORDS: Record<DiagnosisResult['cause'], string> = {
  imported: 'imported',
  imported_elsewhere: 'imported under another integration on the same account',
  excluded_by_filter: 'excluded by a filter',
  before_start_date: 'created before the start date',
  status_not_eligible: 'not in an eligible status yet',
  deleted_at_source: 'deleted at the source',
  not_seen_yet: 'not read yet',
  integration_paused: 'the integration is paused',
  integration_failing: 'the integration is failing',
  rate_limited: 'waiting on a rate limit',
  unknown_reference: 'the source does not know it',
  record_failed: 'the record could not be read',
  would_import: 'would be imported; import it manually',
  undetermined: 'undetermined',
};

function healthy(integration: Integration): boolean {
  return integration.status === 'active' || (integration.status === 'warning' && integration.lastError?.category !== 'rate_limited');
}

/**
 * Asks the source for the one conversation (within the caller's limit) and decides it against
 * today's settings, writing nothing. The asking is a run like any other work — a queued dry
 * `single` run, executed where runs execute (a worker in distributed mode), its answer kept on the
 * run — so it draws from the account's rate budget and shows in the logs and metrics of the
 * process that did it. Run lists and health leave such runs out: they import nothing.
 */
async function liveCheck(context: LookupContext, integration: Integration): Promise<LiveCheck> {
  const { services, caller, sourceRef } = context;
  const platform = platformOf(services, integration.platform);
  // A platform that reads only through reports cannot be asked about one conversation.
  if (!platform.capabilities.fetchOne) {
    const why = platform.received ? `its ${platform.presentation.noun.many} are handed to Intake (uploaded or pushed), not fetched.` : `it reads ${platform.presentation.noun.many} only through its reports.`;
    return { kind: 'skipped', message: why };
  }
  const lookup = await services.liveChecks.lookUp(integration.id, sourceRef, caller.tokenId ?? caller.userId ?? caller.label, () => askThroughRun(context, integration));
  if (lookup.kind === 'refused') {
    const at = lookup.retryAt.toISOString().slice(11, 19);
    return { kind: 'skipped', message: `you have asked the sources about ${services.liveChecks.policy.perCallerPerMinute} references in the last minute, the most allowed; ask again after ${at} UTC.` };
  }
  const answer = lookup.answer;
  if (answer.kind === 'unanswered') return { kind: 'skipped', message: answer.message };
  if (answer.kind !== 'found') return answer;
  const record = answer.record;
  // The decision is made again here, against the contacts as they are now (the answer may be a few seconds old).
  const existing = record.ok ? await findContactsByRefs(services.db, integration, [record.contact.sourceRef]) : new Map();
  const plan = planPage({ records: [record], existing, settings: integration.settings, counts: emptyCounts() });
  return { kind: 'found', record, wouldBe: plan.decisions[0]! };
}

/** Writes the live check as a queued dry single run, waits for it (a while at most) and reads its answer. */
async function askThroughRun(context: LookupContext, integration: Integration): Promise<LookedUp> {
  const { services, caller, sourceRef } = context;
  const queued = await insertRun(services.db, {
    workspaceId: integration.workspaceId,
    integrationId: integration.id,
    kind: 'single',
    dryRun: true,
    sourceRef,
    checkpointBefore: integration.checkpoint,
    requestedBy: caller.label,
    now: services.clock.now(),
  });
  const waitMs = services.liveChecks.policy.waitSeconds * 1000;
  const run = await runToEnd(services, queued, context.dispatcher, { timeoutMs: waitMs });
  if (run.status === 'queued' || run.status === 'running') {
    // Nobody took it in time (no worker running, or all busy): withdrawn, so no worker asks later for nobody.
    if (run.status === 'queued') await cancelQueuedRun(services.db, run.id, 'not_taken_in_time', services.clock.now());
    const why = run.status === 'queued' ? 'no process took the live check' : 'the live check did not finish';
    return { kind: 'unanswered', message: `${why} within ${services.liveChecks.policy.waitSeconds} s (run ${run.id}); ${run.status === 'queued' ? 'check that a worker is running' : 'ask again in a moment'}.` };
  }
  const output = (await readRunOutput(services.db, run.id))?.output as LiveCheckOutput | null | undefined;
  if (!output) return { kind: 'error', category: run.error?.category ?? 'internal', message: run.error?.message ?? `The live check ${run.id} ended ${run.status} without an answer.` };
  if (output.kind === 'found') return { kind: 'found', record: output.record };
  return output;
}
