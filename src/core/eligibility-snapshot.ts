import type { ContactDraft } from './contact.js';

/** The fields eligibility reads, kept with an exclusion so it can be re-checked against new settings. */
export type EligibilitySnapshot = Pick<ContactDraft, 'channel' | 'agent' | 'sourceStatus' | 'status' | 'tags' | 'customFields' | 'createdAt' | 'updatedAt'>;

export function eligibilitySnapshot(contact: ContactDraft): EligibilitySnapshot {
  return {
    channel: contact.channel,
    agent: contact.agent,
    sourceStatus: contact.sourceStatus,
    status: contact.status,
    tags: contact.tags,
    customFields: contact.customFields,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

/** A snapshot back as a draft, to run eligibility on it again. */
export function draftFromSnapshot(sourceRef: string, snapshot: EligibilitySnapshot): ContactDraft {
  return { ...snapshot, sourceRef, closedAt: null, version: 0, metadata: {} };
}
