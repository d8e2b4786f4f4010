import { describe, expect, it } from 'vitest';
import { contactDraft } from '../../test/support/contact-draft.js';
import { checkEligibility } from './eligibility.js';
import type { IntegrationSettings } from './integration-settings.js';

const settings: IntegrationSettings = {
  startDate: '2025-03-01',
  statusCriteria: ['solved', 'closed'],
  filters: [{ field: 'tag', operator: 'contains', value: 'vip' }],
  intervalMinutes: 15,
  noImportAlertHours: 24,
};

describe('eligibility', () => {
  it('accepts a record that passes every check', () => {
    expect(checkEligibility(contactDraft(), settings)).toBeNull();
  });

  it('checks deleted first, then start date, then status, then filters', () => {
    const failsAll = contactDraft({ status: 'deleted', sourceStatus: 'deleted', createdAt: '2025-01-01T00:00:00.000Z', tags: [] });
    expect(checkEligibility(failsAll, settings)?.reason).toBe('deleted_at_source');
    const notDeleted = { ...failsAll, status: 'open' as const, sourceStatus: 'open' };
    expect(checkEligibility(notDeleted, settings)?.reason).toBe('before_start_date');
    const inRange = { ...notDeleted, createdAt: '2025-03-05T00:00:00.000Z' };
    expect(checkEligibility(inRange, settings)?.reason).toBe('status_not_eligible');
    const solved = { ...inRange, status: 'solved' as const, sourceStatus: 'solved' };
    expect(checkEligibility(solved, settings)?.reason).toBe('filter');
  });

  it('records the start date evidence', () => {
    expect(checkEligibility(contactDraft({ createdAt: '2025-02-28T23:59:59.000Z' }), settings)).toEqual({
      reason: 'before_start_date',
      expected: 'created on or after 2025-03-01',
      actual: '2025-02-28T23:59:59.000Z',
    });
    expect(checkEligibility(contactDraft({ createdAt: '2025-03-01T00:00:00.000Z' }), settings)).toBeNull();
  });

  it('records the status evidence with the platform word', () => {
    expect(checkEligibility(contactDraft({ status: 'pending', sourceStatus: 'hold' }), settings)).toEqual({
      reason: 'status_not_eligible',
      expected: 'status is one of solved, closed',
      actual: 'pending (hold)',
    });
  });

  it('records the failing filter condition, its index, expected and actual values', () => {
    expect(checkEligibility(contactDraft({ tags: ['billing'] }), settings)).toEqual({
      reason: 'filter',
      expected: 'tag contains "vip"',
      actual: ['billing'],
      condition: settings.filters[0],
      conditionIndex: 0,
    });
  });

  it('lets open conversations in when the criteria allow them', () => {
    expect(checkEligibility(contactDraft({ status: 'open', sourceStatus: 'open' }), { ...settings, statusCriteria: ['open', 'solved'] })).toBeNull();
  });
});
