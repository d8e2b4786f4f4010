import type { ContactView } from '../../api/types';

/** "Ticket 332" for the platforms Intake knows, else "Contact 332". */
export function referenceWord(platform: string): string {
  return platform === 'zendesk' || platform === 'sandbox' ? 'Ticket' : 'Contact';
}

export function contactTitle(contact: Pick<ContactView, 'platform' | 'sourceRef' | 'metadata'>): string {
  const subject = contact.metadata.subject;
  return typeof subject === 'string' && subject ? subject : `${referenceWord(contact.platform)} ${contact.sourceRef}`;
}

export function statusWords(contact: Pick<ContactView, 'status' | 'sourceStatus'>): string {
  return contact.status === contact.sourceStatus ? contact.status : `${contact.status} (${contact.sourceStatus})`;
}

export function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
