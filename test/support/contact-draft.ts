import type { ContactDraft } from '../../src/core/contact.js';

/** A solved email ticket; override what the test is about. */
export function contactDraft(overrides: Partial<ContactDraft> = {}): ContactDraft {
  return {
    sourceRef: '1001',
    channel: 'email',
    agent: '360011',
    sourceStatus: 'solved',
    status: 'solved',
    tags: ['billing', 'vip'],
    customFields: { '360001': 'gold', '360003': false, multi: ['a', 'b'] },
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
    closedAt: '2025-03-02T10:00:00.000Z',
    version: 1_740_909_600_000,
    metadata: { subject: 'Refund for order', priority: 'normal' },
    ...overrides,
  };
}
