import { actionOf, actualWords, at, conditionSince, day, expectedWords, importNowAction, settleWords, type Diagnosis, type DiagnosisAction, type DiagnosisCause, type DiagnosisFacts } from './diagnosis.js';
import { buildSteps } from './diagnosis-steps.js';
import type { FilterCondition } from './filter-condition.js';

/**
 * Walks the product's troubleshooting checklist for one source reference and names the cause in
 * one sentence, with the action to take. Pure: the service gathers the facts.
 */
export function diagnose(facts: DiagnosisFacts): Diagnosis {
  const { cause, verdict, action } = judge(facts);
  // Verdicts often open with the reference ("ticket 42 was…"): a sentence starts with a capital.
  return { cause, verdict: verdict.charAt(0).toUpperCase() + verdict.slice(1), action, steps: buildSteps(facts) };
}

function judge(facts: DiagnosisFacts): { cause: DiagnosisCause; verdict: string; action: DiagnosisAction | null } {
  const { sourceRef: ref, integration, platformName: platform, referenceName } = facts;
  const name = `${referenceName.replace(/ id$/, '')} ${ref}`;
  const latest = facts.decisions[0];

  if (facts.contact) {
    const refreshed = latest?.outcome === 'updated' ? `; last refreshed ${at(facts.contact.refreshedAt)}` : '';
    return {
      cause: 'imported',
      verdict: `It is not missing: ${name} was imported on ${at(facts.contact.importedAt)} by run ${facts.contact.firstRunId}${refreshed}.`,
      action: actionOf(facts, 'open_contact', 'Open the contact', { contactId: facts.contact.id }),
    };
  }
  if (facts.elsewhere.length > 0) {
    const other = facts.elsewhere[0]!;
    return {
      cause: 'imported_elsewhere',
      verdict: `${name} was imported under the integration "${other.integrationName}"${integration ? `, which reads the same ${platform} account "${integration.sourceAccount}" as "${integration.name}"` : ''}: it is not missing, look for it there.`,
      action: actionOf(facts, 'open_contact', 'Open the contact', { contactId: other.contactId }),
    };
  }
  if (latest?.outcome === 'excluded') return excluded(facts, latest.reason ?? '', latest.evidence, latest.decidedAt);
  if (latest?.outcome === 'failed' && typeof latest.evidence.location === 'string') {
    // A row of an uploaded file or a record of a pushed batch: where it was, and what was wrong with it.
    // Its kept copy can be imported again once the mapping reads it, or corrected first.
    const fix = facts.kept
      ? 'import it again once the mapping reads it (a date format, a time zone), or correct its values and import it — or send it again'
      : 'correct it and send it again (upload the corrected file)';
    return {
      cause: 'record_failed',
      verdict: `${latest.evidence.location} on ${dayInWords(latest.decidedAt, facts.now)}: \`${String(latest.evidence.field)}\` ${String(latest.evidence.message)}. ${name.charAt(0).toUpperCase()}${name.slice(1)} was not imported: ${fix}.`,
      action: facts.kept ? actionOf(facts, 'manual_import', 'Import it again') : actionOf(facts, 'open_integration', 'Open the integration'),
    };
  }
  if (latest?.outcome === 'failed') {
    return {
      cause: 'record_failed',
      verdict: `${platform} sent ${name}, but Intake could not read its field \`${String(latest.evidence.field)}\` (${String(latest.evidence.message)}) on ${at(latest.decidedAt)}. Send a support report with this reference.`,
      action: actionOf(facts, 'support_report', 'Create a support report'),
    };
  }
  if (!integration) {
    return { cause: 'unknown_reference', verdict: `No integration has seen ${name}, and no source asked knows it: check the reference.`, action: null };
  }
  if (integration.status === 'paused') {
    return {
      cause: 'integration_paused',
      verdict: `${name} has not been imported yet because "${integration.name}" is paused since ${at(integration.pause!.at)} (by ${integration.pause!.by}). Resume it: it continues from its checkpoint.`,
      action: actionOf(facts, 'resume', 'Resume the integration'),
    };
  }
  if (integration.status === 'failure') {
    const reconnect = ['auth_expired', 'auth_revoked', 'forbidden'].includes(integration.lastError?.category ?? '');
    return {
      cause: 'integration_failing',
      verdict: `${name} has not been imported yet because "${integration.name}" is failing since ${at(integration.healthSince)}: ${integration.lastError?.message ?? 'see its status'}`,
      action: reconnect ? actionOf(facts, 'reconnect', 'Reconnect the integration') : actionOf(facts, 'open_integration', 'Open the integration'),
    };
  }
  if (integration.lastError?.category === 'rate_limited' && integration.status === 'warning' && integration.lastError.resumeAt && integration.lastError.resumeAt > facts.now.toISOString()) {
    return {
      cause: 'rate_limited',
      verdict: `${name} has not been imported yet: ${platform} rate-limited the import, which resumes at ${at(integration.lastError.resumeAt)} and picks up where it stopped.`,
      action: actionOf(facts, 'wait', `Wait until ${at(integration.lastError.resumeAt)}`),
    };
  }
  return fromLiveCheck(facts, name);
}

function fromLiveCheck(facts: DiagnosisFacts, name: string): { cause: DiagnosisCause; verdict: string; action: DiagnosisAction | null } {
  const { live, integration, platformName: platform } = facts;
  if (!live || !integration) return { cause: 'undetermined', verdict: `No run has seen ${name}, and the source could not be asked. ${settleWords(facts)}`, action: importNowAction(facts, 'Import this conversation now') };
  if (live.kind === 'skipped') {
    return { cause: 'undetermined', verdict: `No run has seen ${name}, and ${platform} was not asked: ${live.message} ${settleWords(facts)}`, action: importNowAction(facts, 'Import this conversation now') };
  }
  if (live.kind === 'error') {
    return { cause: 'undetermined', verdict: `No run has seen ${name}, and asking ${platform} for it failed: ${live.message}`, action: actionOf(facts, 'open_integration', 'Open the integration') };
  }
  if (live.kind === 'not_found') {
    return {
      cause: 'unknown_reference',
      verdict: `${platform} has no ${name} in the account "${integration.sourceAccount}", and no run has seen it: check the reference, or whether it belongs to another integration.`,
      action: null,
    };
  }
  const record = live.record;
  if (!record.ok) {
    return { cause: 'record_failed', verdict: `${platform} has ${name}, but its field \`${record.field}\` cannot be read (${record.message}). Send a support report with this reference.`, action: actionOf(facts, 'support_report', 'Create a support report') };
  }
  // Whenever it is read, today's settings decide: an exclusion is the cause, seen yet or not.
  if (live.wouldBe.outcome === 'excluded') {
    const result = excluded(facts, live.wouldBe.reason ?? '', live.wouldBe.evidence, null);
    return { ...result, verdict: `${result.verdict} (${platform} has it; no run has recorded it, and today's settings would exclude it.)` };
  }
  const changed = record.contact.updatedAt;
  const reached = integration.checkpointReachedAt;
  if (!reached || changed > reached) {
    const next = integration.nextRunAt ? ` The next run, at ${at(integration.nextRunAt)}, will see it.` : '';
    return {
      cause: 'not_seen_yet',
      verdict: `${name} last changed at ${at(changed)}, after the point "${integration.name}" has read up to (${reached ? at(reached) : 'nothing read yet'}): it is not late, just not seen yet.${next}`,
      action: importNowAction(facts, 'Import it now'),
    };
  }
  return {
    cause: 'would_import',
    verdict: `${platform} has ${name} and today's settings would import it, but no run has recorded it. Import it manually now; if this happens again, send a support report.`,
    action: importNowAction(facts, 'Import this conversation now'),
  };
}

function excluded(facts: DiagnosisFacts, reason: string, evidence: Record<string, unknown>, decidedAt: string | null): { cause: DiagnosisCause; verdict: string; action: DiagnosisAction | null } {
  const name = `${facts.referenceName.replace(/ id$/, '')} ${facts.sourceRef}`;
  const when = decidedAt ? ` on ${at(decidedAt)}` : '';
  const today = facts.passesTodaysSettings;
  const record = evidence.record as { createdAt?: string } | undefined;
  const created = record?.createdAt ?? (reason === 'before_start_date' && typeof evidence.actual === 'string' ? evidence.actual : null);
  const range = created && !Number.isNaN(Date.parse(created)) ? { from: day(created), to: new Date(Date.parse(day(created)) + 86_400_000).toISOString().slice(0, 10) } : {};
  const recovery =
    today === true
      ? {
          text: facts.canFetchOne === false ? " Today's settings would import it: backfill its day." : facts.kept ? " Today's settings would import it: import it manually." : " Today's settings would import it: import it manually, or backfill its day.",
          action: importNowAction(facts, 'Import this conversation now'),
        }
      : { text: today === false ? ' It still fails today\'s settings.' : '', action: facts.visibility.settings ? actionOf(facts, 'edit_settings', reason === 'before_start_date' ? 'Review the start date' : 'Review the filters') : null };
  switch (reason) {
    case 'filter': {
      const condition = evidence.condition as FilterCondition | undefined;
      const since = decidedAt ? conditionSince(facts, condition, decidedAt) : null;
      const had = facts.visibility.contacts ? ` (it had ${actualWords(facts, evidence)})` : '';
      const detail = facts.visibility.settings
        ? `the filter \`${expectedWords(facts, evidence)}\`${had}${since ? `, in place since ${at(since.at)} (${since.actor})` : ''}`
        : 'a filter of the integration (someone with Manage Integrations can see which)';
      return { cause: 'excluded_by_filter', verdict: `${name} was excluded${when} by ${detail}.${recovery.text}`, action: today === true ? importNowAction(facts, 'Import this conversation now', range) : recovery.action };
    }
    case 'before_start_date':
      return {
        cause: 'before_start_date',
        verdict: `${name} was created on ${created ? day(created) : 'a day'} before the integration's start date${facts.visibility.settings ? ` (${String(evidence.expected).replace('created on or after ', '')})` : ''}: history is imported back to the start date only.${recovery.text}`,
        action: recovery.action,
      };
    case 'status_not_eligible': {
      const statuses = facts.integration?.settings.statusCriteria.join(' or ') ?? 'an eligible status';
      return {
        cause: 'status_not_eligible',
        verdict: `${name} was not in an eligible status${when}${facts.visibility.contacts ? `: it was ${String(evidence.actual)}` : ''}. It will import when it is ${statuses}.`,
        action: actionOf(facts, 'wait', `Wait until it is ${statuses}`),
      };
    }
    case 'deleted_at_source':
      return { cause: 'deleted_at_source', verdict: `${name} was deleted in ${facts.platformName} before Intake imported it.`, action: null };
    default:
      return { cause: 'undetermined', verdict: `${name} was excluded${when} (${reason}).`, action: null };
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 March", with the year when it is not this year's (UTC). */
function dayInWords(iso: string, now: Date): string {
  const date = new Date(iso);
  const words = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return date.getUTCFullYear() === now.getUTCFullYear() ? words : `${words} ${date.getUTCFullYear()}`;
}
