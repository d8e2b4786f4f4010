import { changedFields } from './changed-fields.js';
import type { ContactDraft, StoredContact } from './contact.js';
import type { DecisionDraft } from './decision.js';
import { eligibilitySnapshot } from './eligibility-snapshot.js';
import { checkEligibility } from './eligibility.js';
import type { IntegrationSettings } from './integration-settings.js';
import type { MappedRecord, PagePlan } from './ports.js';
import { addDecisions, type RunCounts } from './run-counts.js';

export interface PlanPageInput {
  records: readonly MappedRecord[];
  existing: ReadonlyMap<string, StoredContact>;
  settings: IntegrationSettings;
  counts: RunCounts;
  /**
   * Import even when eligibility fails (a manual import of one conversation). The decision
   * then records which check the schedule would have failed.
   */
  force?: boolean;
}

/** Stands in for a record whose id could not be read, so its failure still has a ledger row. */
export const UNKNOWN_SOURCE_REF = '(unknown)';

/**
 * Decides every record of a page: imported, updated, unchanged, excluded or failed.
 * Pure: the same input gives the same plan, so a re-read page decides the same way.
 * Records are taken in order; a ticket that appears twice in one page is decided against
 * its own earlier copy.
 */
export function planPage(input: PlanPageInput): PagePlan {
  const known = new Map<string, ContactDraft>(input.existing);
  const toWrite = new Map<string, ContactDraft>();
  const decisions: DecisionDraft[] = [];

  for (const record of input.records) {
    if (!record.ok) {
      decisions.push({
        sourceRef: record.sourceRef ?? UNKNOWN_SOURCE_REF,
        outcome: 'failed',
        reason: 'invalid_record',
        evidence: { field: record.field, message: record.message, rawValue: record.rawValue ?? null, ...(record.location ? { location: record.location } : {}) },
        sourceVersion: null,
        sourceUpdatedAt: null,
      });
      continue;
    }
    const contact = record.contact;
    const base = { sourceRef: contact.sourceRef, sourceVersion: contact.version, sourceUpdatedAt: contact.updatedAt };
    const stored = known.get(contact.sourceRef);

    if (stored) {
      // Eligibility gates creation only: a known contact is refreshed whatever its new state.
      if (contact.version > stored.version) {
        const changes = changedFields(stored, contact);
        known.set(contact.sourceRef, contact);
        if (Object.keys(changes).length > 0) {
          toWrite.set(contact.sourceRef, contact);
          decisions.push({ ...base, outcome: 'updated', reason: null, evidence: { changedFields: changes, previousVersion: stored.version } });
        } else {
          decisions.push({ ...base, outcome: 'unchanged', reason: null, evidence: { storedVersion: stored.version, note: 'newer version with no tracked change' } });
        }
      } else {
        decisions.push({ ...base, outcome: 'unchanged', reason: null, evidence: { storedVersion: stored.version } });
      }
      continue;
    }

    const ineligible = checkEligibility(contact, input.settings);
    if (ineligible && !input.force) {
      // The record as eligibility saw it: later settings can be tested against it (diagnosis, backfill hints).
      decisions.push({ ...base, outcome: 'excluded', reason: ineligible.reason, evidence: { ...ineligible, record: eligibilitySnapshot(contact) } });
      continue;
    }
    known.set(contact.sourceRef, contact);
    toWrite.set(contact.sourceRef, contact);
    decisions.push({
      ...base,
      outcome: 'imported',
      reason: null,
      evidence: input.force ? { manual: true, scheduleWouldExclude: ineligible } : {},
    });
  }

  return { contacts: [...toWrite.values()], decisions, counts: addDecisions(input.counts, decisions) };
}

