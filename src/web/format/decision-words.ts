import type { DecisionOutcome, DecisionView } from '../api/types';

export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  imported: 'Imported',
  updated: 'Updated',
  unchanged: 'Unchanged',
  excluded: 'Excluded',
  failed: 'Failed',
};

export const OUTCOME_MEANING: Record<DecisionOutcome, string> = {
  imported: 'a new contact was created',
  updated: "the existing contact's metadata was refreshed",
  unchanged: 'already imported and nothing newer: the duplicate was skipped',
  excluded: 'not eligible, so not imported',
  failed: 'the record could not be read',
};

export const REASON_LABELS: Record<string, string> = {
  before_start_date: 'Created before the start date',
  status_not_eligible: 'Status not eligible',
  filter: 'Excluded by a filter',
  deleted_at_source: 'Deleted at the source',
  invalid_record: 'Record could not be read',
};

export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason.replaceAll('_', ' ');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The evidence of a decision as short lines of plain words. Without `settings` (Manage
 * Integrations), what the settings expected is left out, as the diagnosis does.
 */
export function evidenceLines(decision: Pick<DecisionView, 'outcome' | 'evidence'>, settings = true, agentName: (agentId: string) => string | null = () => null): string[] {
  const e = decision.evidence;
  switch (decision.outcome) {
    case 'excluded': {
      // Without Manage Integrations the expected value (a setting) is left out by the API.
      if (e.expected === undefined || !settings) return [`The record had: ${show(e.actual)}`];
      // An agent condition quotes its agent by name; the record's agent reads the same way.
      const onAgent = (e.condition as { field?: unknown } | undefined)?.field === 'agent' && typeof e.actual === 'string';
      const name = onAgent ? agentName(e.actual as string) : null;
      return [`Expected: ${show(e.expected)}`, `Actual: ${name ? `${name} (${show(e.actual)})` : show(e.actual)}`];
    }
    case 'failed':
      return [`Field at fault: ${show(e.field)}`, show(e.message), ...(e.rawValue != null ? [`Value received: ${show(e.rawValue)}`] : [])];
    case 'updated': {
      const changes = (e.changedFields ?? {}) as Record<string, { before: unknown; after: unknown }>;
      const lines = Object.entries(changes).map(([field, c]) => `${field}: ${show(c.before)} → ${show(c.after)}`);
      return lines.length ? lines : ['Metadata refreshed'];
    }
    case 'unchanged':
      return [typeof e.note === 'string' ? `A newer version with no tracked change` : 'Same version as the stored contact: a duplicate, skipped'];
    case 'imported': {
      if (e.manual !== true) return [];
      const would = e.scheduleWouldExclude as { reason?: string; expected?: unknown } | null | undefined;
      return [would ? `Manual import; the schedule would have excluded it (${reasonLabel(would.reason ?? '').toLowerCase()}${would.expected !== undefined && settings ? `: ${show(would.expected)}` : ''})` : 'Manual import'];
    }
  }
}
