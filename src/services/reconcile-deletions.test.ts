import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../core/contact.js';
import { emptyCounts } from '../core/run-counts.js';
import { contactDraft } from '../../test/support/contact-draft.js';
import { planDeletions } from './reconcile-deletions.js';

const stored = (ref: string, overrides: Partial<StoredContact> = {}): StoredContact => ({ ...contactDraft({ sourceRef: ref }), id: `c-${ref}`, ...overrides });

describe('planDeletions', () => {
  it('records each reference gone from the source as excluded deleted_at_source, and refreshes its contact to deleted', () => {
    const existing = new Map([['41', stored('41', { status: 'closed', sourceStatus: 'closed', version: 5000 })]]);
    const plan = planDeletions(['41'], existing, { ...emptyCounts(), seen: 3, imported: 3 });
    expect(plan.contacts).toEqual([expect.objectContaining({ sourceRef: '41', status: 'deleted', sourceStatus: 'deleted', version: 5001 })]);
    expect(plan.decisions).toEqual([
      {
        sourceRef: '41',
        outcome: 'excluded',
        reason: 'deleted_at_source',
        evidence: expect.objectContaining({ foundBy: 'reconciliation', previousVersion: 5000, changedFields: { sourceStatus: { before: 'closed', after: 'deleted' }, status: { before: 'closed', after: 'deleted' } } }),
        sourceVersion: 5001,
        sourceUpdatedAt: existing.get('41')!.updatedAt,
      },
    ]);
    expect(plan.counts).toMatchObject({ seen: 4, imported: 3, excluded: 1, reasons: { deleted_at_source: 1 } });
  });

  it('leaves alone a contact already deleted, one no longer held, and a reference named twice', () => {
    const existing = new Map([
      ['1', stored('1', { status: 'deleted', sourceStatus: 'deleted' })],
      ['2', stored('2')],
    ]);
    const plan = planDeletions(['1', '2', '2', '3'], existing, emptyCounts());
    expect(plan.decisions.map((d) => d.sourceRef)).toEqual(['2']);
    expect(plan.counts).toMatchObject({ seen: 1, excluded: 1 });
  });
});
