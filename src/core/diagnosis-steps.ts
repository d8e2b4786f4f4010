import { diagnosisEvidence } from './evidence-visibility.js';
import { actionOf, actualWords, at, expectedWords, importNowAction, settleWords, type DiagnosisFacts, type DiagnosisStep } from './diagnosis.js';

/** The guide's checklist, each step answered from the facts. */
export function buildSteps(facts: DiagnosisFacts): DiagnosisStep[] {
  return [statusStep(facts), eligibilityStep(facts), duplicatesStep(facts), pausesStep(facts), manualImportStep(facts)];
}

function statusStep(facts: DiagnosisFacts): DiagnosisStep {
  const base = { key: 'integration_status' as const, title: 'Check the integration status' };
  const i = facts.integration;
  if (!i) return { ...base, verdict: 'unknown', summary: 'No integration of this workspace has seen this reference.', evidence: {}, action: null };
  const evidence = { status: i.status, since: i.status === 'paused' ? i.pause?.at : i.healthSince, lastRanAt: i.lastRanAt, lastDataImportedAt: i.lastDataImportedAt, lastError: i.lastError ? { category: i.lastError.category, message: i.lastError.message, at: i.lastError.at } : null };
  if (i.status === 'active') return { ...base, verdict: 'ok', summary: `"${i.name}" is active; it last ran at ${i.lastRanAt ? at(i.lastRanAt) : 'never'}.`, evidence, action: null };
  if (i.status === 'paused') return { ...base, verdict: 'problem', summary: `"${i.name}" is paused since ${at(i.pause!.at)} by ${i.pause!.by}${i.pause!.note ? ` ("${i.pause!.note}")` : ''}.`, evidence, action: actionOf(facts, 'resume', 'Resume') };
  const reconnect = ['auth_expired', 'auth_revoked', 'forbidden'].includes(i.lastError?.category ?? '');
  return {
    ...base,
    verdict: 'problem',
    summary: `"${i.name}" is in ${i.status} since ${at(i.healthSince)}: ${i.lastError?.message ?? 'see the integration'}`,
    evidence,
    action: reconnect ? actionOf(facts, 'reconnect', 'Reconnect') : actionOf(facts, 'open_integration', 'Open the integration'),
  };
}

function eligibilityStep(facts: DiagnosisFacts): DiagnosisStep {
  const base = { key: 'eligibility' as const, title: 'Confirm the contact was eligible' };
  const latest = facts.decisions[0];
  const redact = (evidence: Record<string, unknown>) => diagnosisEvidence(evidence, facts.visibility);
  const rule = (evidence: Record<string, unknown>, verb: string) => {
    const parts = [facts.visibility.settings && evidence.expected ? `expected ${expectedWords(facts, evidence)}` : null, facts.visibility.contacts ? `${verb} ${actualWords(facts, evidence)}` : null].filter(Boolean);
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  };
  if (latest?.outcome === 'excluded') {
    const wouldPass = facts.passesTodaysSettings === null ? '' : facts.passesTodaysSettings ? " Today's settings would let it in." : " It still fails today's settings.";
    return {
      ...base,
      verdict: 'problem',
      summary: `Excluded on ${at(latest.decidedAt)}: ${latest.reason?.replaceAll('_', ' ')}${rule(latest.evidence, 'was')}.${wouldPass}`,
      evidence: { ...redact(latest.evidence), reason: latest.reason, decidedAt: latest.decidedAt, runId: latest.runId, passesTodaysSettings: facts.passesTodaysSettings },
      action: facts.passesTodaysSettings ? importNowAction(facts, 'Import this conversation now') : facts.visibility.settings ? actionOf(facts, 'edit_settings', 'Review the settings') : null,
    };
  }
  if (latest?.outcome === 'failed') {
    return { ...base, verdict: 'problem', summary: `The record could not be read: field \`${String(latest.evidence.field)}\` ${String(latest.evidence.message)}.`, evidence: { ...redact(latest.evidence), runId: latest.runId }, action: actionOf(facts, 'support_report', 'Create a support report') };
  }
  if (latest) return { ...base, verdict: 'ok', summary: `Eligible: it was ${latest.outcome} on ${at(latest.decidedAt)}.`, evidence: { outcome: latest.outcome, runId: latest.runId }, action: null };
  const live = facts.live;
  if (live?.kind === 'found' && live.wouldBe.outcome === 'excluded') {
    return { ...base, verdict: 'problem', summary: `Never seen by a run; today's settings would exclude it: ${live.wouldBe.reason?.replaceAll('_', ' ')}${rule(live.wouldBe.evidence, 'is')}.`, evidence: redact(live.wouldBe.evidence), action: null };
  }
  if (live?.kind === 'found') return { ...base, verdict: 'ok', summary: "Never seen by a run; today's settings would import it.", evidence: {}, action: null };
  return { ...base, verdict: 'unknown', summary: 'No run has recorded a decision about this reference.', evidence: {}, action: null };
}

function duplicatesStep(facts: DiagnosisFacts): DiagnosisStep {
  const base = { key: 'duplicates' as const, title: 'Rule out duplicates' };
  if (facts.contact) {
    return {
      ...base,
      verdict: 'ok',
      summary: `Already imported on ${at(facts.contact.importedAt)}; later versions refresh the same contact instead of creating a new one.`,
      evidence: { contactId: facts.contact.id, importedAt: facts.contact.importedAt, refreshedAt: facts.contact.refreshedAt, firstRunId: facts.contact.firstRunId },
      action: actionOf(facts, 'open_contact', 'Open the contact', { contactId: facts.contact.id }),
    };
  }
  if (facts.elsewhere.length > 0) {
    const other = facts.elsewhere[0]!;
    return { ...base, verdict: 'problem', summary: `Imported under another integration on the same account: "${other.integrationName}".`, evidence: { elsewhere: facts.elsewhere }, action: actionOf(facts, 'open_contact', 'Open it there', { contactId: other.contactId }) };
  }
  const where = facts.integration ? `from the ${facts.platformName} account "${facts.integration.sourceAccount}"` : 'anywhere in this workspace';
  return { ...base, verdict: 'not_applicable', summary: `Not imported ${where}, so not a duplicate.`, evidence: {}, action: null };
}

function pausesStep(facts: DiagnosisFacts): DiagnosisStep {
  const base = { key: 'rate_limits_and_pauses' as const, title: 'Check for rate limits or pauses' };
  const i = facts.integration;
  if (!i) return { ...base, verdict: 'unknown', summary: 'No integration to check.', evidence: {}, action: null };
  const evidence = { checkpointReachedAt: i.checkpointReachedAt, nextRunAt: i.nextRunAt };
  if (i.status === 'paused') return { ...base, verdict: 'problem', summary: `Paused since ${at(i.pause!.at)}: nothing is read until it is resumed.`, evidence, action: actionOf(facts, 'resume', 'Resume') };
  if (i.lastError?.category === 'rate_limited' && i.lastError.resumeAt && i.lastError.resumeAt > facts.now.toISOString()) {
    return { ...base, verdict: 'problem', summary: `Rate limited by ${facts.platformName}; resumes at ${at(i.lastError.resumeAt)}.`, evidence: { ...evidence, resumeAt: i.lastError.resumeAt }, action: actionOf(facts, 'wait', 'Wait for the next run') };
  }
  const live = facts.live;
  if (live?.kind === 'found' && live.record.ok && live.wouldBe.outcome !== 'excluded' && (!i.checkpointReachedAt || live.record.contact.updatedAt > i.checkpointReachedAt) && facts.decisions.length === 0) {
    return {
      ...base,
      verdict: 'problem',
      summary: `Not read yet: it changed at ${at(live.record.contact.updatedAt)}, and the integration has read up to ${i.checkpointReachedAt ? at(i.checkpointReachedAt) : 'nothing yet'}. Expected by the next run${i.nextRunAt ? ` at ${at(i.nextRunAt)}` : ''}.`,
      evidence: { ...evidence, sourceUpdatedAt: live.record.contact.updatedAt },
      action: importNowAction(facts, 'Import it now'),
    };
  }
  return { ...base, verdict: 'ok', summary: `Not paused or rate limited; read up to ${i.checkpointReachedAt ? at(i.checkpointReachedAt) : 'nothing yet'}.`, evidence, action: null };
}

function manualImportStep(facts: DiagnosisFacts): DiagnosisStep {
  const base = { key: 'manual_import' as const, title: 'Try a manual import' };
  const live = facts.live;
  const importNow = importNowAction(facts, 'Import this conversation now');
  if (facts.contact) return { ...base, verdict: 'not_applicable', summary: 'Already imported.', evidence: {}, action: null };
  if (facts.canFetchOne === false) return { ...base, verdict: 'not_applicable', summary: settleWords(facts), evidence: { fetchOne: false }, action: null };
  if (facts.kept) {
    return {
      ...base,
      verdict: 'unknown',
      summary: `Intake kept ${facts.kept.location} as received on ${at(facts.kept.receivedAt)}: a manual import reads it again with today's mapping, whatever the filters say — or correct its values first.`,
      evidence: { kept: true },
      action: importNow,
    };
  }
  if (!live) {
    return { ...base, verdict: facts.integration ? 'unknown' : 'not_applicable', summary: facts.integration ? 'The source was not asked (the ledger already explains it, or the integration is not healthy). A manual import fetches it whatever the filters say.' : 'No integration to import from.', evidence: {}, action: facts.integration ? importNow : null };
  }
  if (live.kind === 'skipped') return { ...base, verdict: 'unknown', summary: `${facts.platformName} was not asked: ${live.message}`, evidence: { asked: false }, action: importNow };
  if (live.kind === 'not_found') return { ...base, verdict: 'problem', summary: `${facts.platformName} does not know this ${facts.referenceName}: a manual import would fail.`, evidence: { found: false }, action: null };
  if (live.kind === 'error') return { ...base, verdict: 'unknown', summary: `Asking ${facts.platformName} failed: ${live.message}`, evidence: { category: live.category }, action: null };
  const outcome = live.wouldBe.outcome;
  return {
    ...base,
    verdict: outcome === 'failed' ? 'problem' : 'ok',
    summary: outcome === 'excluded' ? `${facts.platformName} has it. The schedule would exclude it, but a manual import would bring it in now.` : `${facts.platformName} has it: a manual import would ${outcome === 'imported' ? 'import it now' : `mark it ${outcome}`}.`,
    evidence: { found: true, wouldBe: outcome, reason: live.wouldBe.reason },
    action: outcome === 'failed' ? actionOf(facts, 'support_report', 'Create a support report') : importNow,
  };
}
