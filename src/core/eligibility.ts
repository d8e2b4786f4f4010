import type { ContactDraft } from './contact.js';
import { describeCondition, findFailingCondition, type FilterCondition } from './filter-condition.js';
import { startOfStartDate, type IntegrationSettings } from './integration-settings.js';

export const EXCLUSION_REASONS = ['deleted_at_source', 'before_start_date', 'status_not_eligible', 'filter'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Why a new record was not imported: the check, what it expected and what the record had. */
export interface Ineligibility {
  reason: ExclusionReason;
  expected: string;
  actual: unknown;
  /** Set for reason `filter`. */
  condition?: FilterCondition;
  conditionIndex?: number;
}

/**
 * Runs the eligibility checks in the product's order — deleted, start date, status, filters —
 * and returns the first one that fails, or null when the record may be imported.
 */
export function checkEligibility(contact: ContactDraft, settings: IntegrationSettings): Ineligibility | null {
  if (contact.status === 'deleted') {
    return { reason: 'deleted_at_source', expected: 'not deleted at the source', actual: contact.sourceStatus };
  }
  const start = startOfStartDate(settings);
  if (Date.parse(contact.createdAt) < start.getTime()) {
    return { reason: 'before_start_date', expected: `created on or after ${settings.startDate}`, actual: contact.createdAt };
  }
  if (!(settings.statusCriteria as string[]).includes(contact.status)) {
    return {
      reason: 'status_not_eligible',
      expected: `status is one of ${settings.statusCriteria.join(', ')}`,
      actual: contact.status === contact.sourceStatus ? contact.status : `${contact.status} (${contact.sourceStatus})`,
    };
  }
  const failure = findFailingCondition(contact, settings.filters);
  if (failure) {
    return {
      reason: 'filter',
      expected: describeCondition(failure.condition),
      actual: failure.actual,
      condition: failure.condition,
      conditionIndex: failure.conditionIndex,
    };
  }
  return null;
}
