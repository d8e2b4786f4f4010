import { describe, expect, it } from 'vitest';
import { contactDraft } from '../../test/support/contact-draft.js';
import type { StoredContact } from './contact.js';
import type { IntegrationSettings } from './integration-settings.js';
import { planPage } from './plan-page.js';
import { emptyCounts } from './run-counts.js';

const settings: IntegrationSettings = { startDate: '2025-01-01', statusCriteria: ['solved', 'closed'], filters: [], intervalMinutes: 15, noImportAlertHours: 24 };
const ok = (overrides = {}) => ({ ok: true as const, contact: contactDraft(overrides) });
const none = new Map<string, StoredContact>();

describe('planPage', () => {
  it('imports a new eligible record and excludes an ineligible one, counting both', () => {
    const plan = planPage({ records: [ok(), ok({ sourceRef: '2', status: 'open', sourceStatus: 'open' })], existing: none, settings, counts: emptyCounts() });
    expect(plan.contacts.map((c) => c.sourceRef)).toEqual(['1001']);
    expect(plan.decisions.map((d) => [d.sourceRef, d.outcome, d.reason])).toEqual([
      ['1001', 'imported', null],
      ['2', 'excluded', 'status_not_eligible'],
    ]);
    expect(plan.counts).toMatchObject({ seen: 2, imported: 1, excluded: 1, reasons: { status_not_eligible: 1 } });
  });

  it('marks the same or an older version of a known contact unchanged, writing nothing', () => {
    const stored: StoredContact = { ...contactDraft(), id: 'c1' };
    const plan = planPage({ records: [ok(), ok({ version: stored.version - 1000 })], existing: new Map([['1001', stored]]), settings, counts: emptyCounts() });
    expect(plan.contacts).toEqual([]);
    expect(plan.decisions.map((d) => d.outcome)).toEqual(['unchanged', 'unchanged']);
  });

  it('refreshes a known contact from a newer version even when it is no longer eligible (reopened)', () => {
    const stored: StoredContact = { ...contactDraft(), id: 'c1' };
    const reopened = ok({ version: stored.version + 5000, status: 'open', sourceStatus: 'open', closedAt: null });
    const plan = planPage({ records: [reopened], existing: new Map([['1001', stored]]), settings, counts: emptyCounts() });
    expect(plan.contacts).toHaveLength(1);
    expect(plan.decisions[0]).toMatchObject({
      outcome: 'updated',
      evidence: {
        changedFields: {
          status: { before: 'solved', after: 'open' },
          sourceStatus: { before: 'solved', after: 'open' },
          closedAt: { before: stored.closedAt, after: null },
        },
      },
    });
  });

  it('calls a newer version with no tracked change unchanged', () => {
    const stored: StoredContact = { ...contactDraft(), id: 'c1' };
    const plan = planPage({ records: [ok({ version: stored.version + 1 })], existing: new Map([['1001', stored]]), settings, counts: emptyCounts() });
    expect(plan.contacts).toEqual([]);
    expect(plan.decisions[0]!.outcome).toBe('unchanged');
  });

  it('decides a record seen twice in one page against its own first copy', () => {
    const first = ok({ version: 1 });
    const second = ok({ version: 2, tags: ['billing'] });
    const plan = planPage({ records: [first, second, ok({ version: 2, tags: ['billing'] })], existing: none, settings, counts: emptyCounts() });
    expect(plan.decisions.map((d) => d.outcome)).toEqual(['imported', 'updated', 'unchanged']);
    expect(plan.contacts).toHaveLength(1);
    expect(plan.contacts[0]!.tags).toEqual(['billing']);
  });

  it('turns a mapping failure into a failed decision naming the field, and goes on', () => {
    const plan = planPage({
      records: [{ ok: false, sourceRef: '7', field: 'via.channel', message: 'expected string', rawValue: null }, ok()],
      existing: none,
      settings,
      counts: emptyCounts(),
    });
    expect(plan.decisions[0]).toMatchObject({ sourceRef: '7', outcome: 'failed', reason: 'invalid_record', evidence: { field: 'via.channel' } });
    expect(plan.decisions[1]!.outcome).toBe('imported');
    expect(plan.counts).toMatchObject({ failed: 1, imported: 1, reasons: { invalid_record: 1 } });
  });

  it('imports an ineligible record when forced, recording what the schedule would have decided', () => {
    const plan = planPage({ records: [ok({ tags: [] })], existing: none, settings: { ...settings, filters: [{ field: 'tag', operator: 'contains', value: 'vip' }] }, counts: emptyCounts(), force: true });
    expect(plan.decisions[0]).toMatchObject({ outcome: 'imported', evidence: { manual: true, scheduleWouldExclude: { reason: 'filter', expected: 'tag contains "vip"' } } });
  });

  it('adds to the running totals without changing them', () => {
    const before = { ...emptyCounts(), seen: 10, imported: 10 };
    const plan = planPage({ records: [ok()], existing: none, settings, counts: before });
    expect(plan.counts.imported).toBe(11);
    expect(before.imported).toBe(10);
  });
});
