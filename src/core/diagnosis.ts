import type { Decision, DecisionDraft } from './decision.js';
import type { Visibility } from './evidence-visibility.js';
import { conditionKey, describeCondition, filterConditionSchema, named, type DirectoryNames, type FilterCondition } from './filter-condition.js';
import type { Integration } from './integration.js';
import type { MappedRecord } from './ports.js';

/** Everything diagnosis knows about one source reference; gathered by the service, judged here. */
export interface DiagnosisFacts {
  sourceRef: string;
  now: Date;
  integration: Integration | null;
  platformName: string;
  referenceName: string;
  /** Rules are shown only with Manage Integrations, the conversation's values only with View Imported Contacts. */
  visibility: Visibility;
  contact: { id: string; importedAt: string; refreshedAt: string; firstRunId: string; sourceStatus: string } | null;
  /**
   * The same conversation imported under another integration: one on the same platform and source
   * account (a reference means nothing without them: another account's ticket 141 is another ticket).
   */
  elsewhere: Array<{ integrationName: string; contactId: string }>;
  /** This integration's decisions about the reference, newest first. */
  decisions: Decision[];
  /** Settings history (created and settings changes), oldest first. */
  settingsHistory: Array<{ at: string; actor: string; kind: string; after: Record<string, unknown> | null }>;
  /** Whether today's settings would let the last excluded version in (null: unknown). */
  passesTodaysSettings: boolean | null;
  live: LiveCheck | null;
  /** False when the platform cannot fetch one conversation by reference: no manual import is offered then. */
  canFetchOne?: boolean;
  /** A record handed to Intake (a file's row, a pushed record) that was not imported: where its kept copy came from. */
  kept?: { location: string; receivedAt: string } | null;
  /** The platform's records are handed to Intake (uploaded, pushed) rather than read from a source. */
  receivesRecords?: boolean;
  /** The integration's agents and custom fields by name, so a quoted filter reads `agent is Ann Lee (9101)`. */
  directoryNames?: DirectoryNames;
}

export type LiveCheck =
  | { kind: 'not_found' }
  | { kind: 'error'; category: string; message: string }
  | { kind: 'found'; record: MappedRecord; wouldBe: DecisionDraft }
  /** The source was not asked (the caller's limit of live checks was reached). */
  | { kind: 'skipped'; message: string };

export type DiagnosisCause =
  | 'imported'
  | 'imported_elsewhere'
  | 'excluded_by_filter'
  | 'before_start_date'
  | 'status_not_eligible'
  | 'deleted_at_source'
  | 'not_seen_yet'
  | 'integration_paused'
  | 'integration_failing'
  | 'rate_limited'
  | 'unknown_reference'
  | 'record_failed'
  | 'would_import'
  | 'undetermined';

export type ActionKind = 'open_contact' | 'open_integration' | 'reconnect' | 'resume' | 'manual_import' | 'backfill' | 'edit_settings' | 'support_report' | 'wait';

export interface DiagnosisAction {
  kind: ActionKind;
  label: string;
  integrationId: string | null;
  contactId: string | null;
  from: string | null;
  to: string | null;
}

export type StepVerdict = 'ok' | 'problem' | 'not_applicable' | 'unknown';

export interface DiagnosisStep {
  key: 'integration_status' | 'eligibility' | 'duplicates' | 'rate_limits_and_pauses' | 'manual_import';
  title: string;
  verdict: StepVerdict;
  summary: string;
  evidence: Record<string, unknown>;
  action: DiagnosisAction | null;
}

export interface Diagnosis {
  cause: DiagnosisCause;
  verdict: string;
  action: DiagnosisAction | null;
  steps: DiagnosisStep[];
}

export function actionOf(facts: DiagnosisFacts, kind: ActionKind, label: string, extra: Partial<DiagnosisAction> = {}): DiagnosisAction {
  return { kind, label, integrationId: facts.integration?.id ?? null, contactId: null, from: null, to: null, ...extra };
}

/**
 * Importing the conversation now (a manual import), where the platform can fetch one by reference;
 * elsewhere a backfill of its day when the day is known, else the integration.
 */
export function importNowAction(facts: DiagnosisFacts, label: string, extra: Partial<DiagnosisAction> = {}): DiagnosisAction {
  if (facts.canFetchOne !== false) return actionOf(facts, 'manual_import', label, extra);
  return extra.from ? actionOf(facts, 'backfill', 'Backfill its day', extra) : actionOf(facts, 'open_integration', 'Open the integration');
}

/** What settles a conversation no run has seen, in words: a manual import, or a run or backfill where there is none. */
export function settleWords(facts: DiagnosisFacts): string {
  if (facts.canFetchOne === false && facts.receivesRecords) {
    return `${facts.platformName} records are handed to Intake, and no copy of this one is kept to import (one is kept of a record that was not imported, until it imports): send it again.`;
  }
  return facts.canFetchOne !== false ? 'Import it manually to settle it now.' : `${facts.platformName} cannot fetch one ${facts.referenceName.replace(/ id$/, '')} by reference, so no manual import: the next run reads it once it is in the platform's feed, and a backfill reads a past day again.`;
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function at(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The settings change (or creation) since which the failing condition has applied. */
export function conditionSince(facts: DiagnosisFacts, condition: FilterCondition | undefined, before: string): { at: string; actor: string } | null {
  if (!condition) return null;
  // Names saved beside ids are for display: the same comparison is the same condition.
  const key = conditionKey(condition);
  const same = (c: unknown) => {
    const parsed = filterConditionSchema.safeParse(c);
    return parsed.success ? conditionKey(parsed.data) === key : JSON.stringify(c) === JSON.stringify(condition);
  };
  let since: { at: string; actor: string } | null = null;
  for (const entry of facts.settingsHistory) {
    if (entry.at > before) break;
    const filters = (entry.kind === 'created' ? (entry.after?.settings as { filters?: unknown[] } | undefined)?.filters : (entry.after?.filters as unknown[] | undefined)) ?? null;
    if (!filters) continue;
    const has = filters.some(same);
    if (has && !since) since = { at: entry.at, actor: entry.actor };
    if (!has) since = null;
  }
  return since;
}

/**
 * The rule a decision quotes, in today's names when the directory knows them (`agent is Ann Lee
 * (9101)`), else in the words recorded with the decision.
 */
export function expectedWords(facts: Pick<DiagnosisFacts, 'directoryNames'>, evidence: Record<string, unknown>): string {
  const condition = filterConditionSchema.safeParse(evidence.condition);
  return condition.success ? describeCondition(condition.data, facts.directoryNames) : String(evidence.expected);
}

/**
 * The value a decision recorded; an agent's id with the agent's name: `agent Bo Chen (9102)`. Only
 * for readers of the rules: which field a filter checked is part of the rule.
 */
export function actualWords(facts: Pick<DiagnosisFacts, 'directoryNames' | 'visibility'>, evidence: Record<string, unknown>): string {
  const condition = evidence.condition as { field?: unknown } | undefined;
  const actual = evidence.actual;
  if (facts.visibility.settings && condition?.field === 'agent' && typeof actual === 'string') return `agent ${named(actual, facts.directoryNames?.agents[actual])}`;
  return JSON.stringify(actual);
}
