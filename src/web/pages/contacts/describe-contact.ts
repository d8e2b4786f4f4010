import type { PlatformView } from '../../api/platforms';
import type { ContactView } from '../../api/types';
import { platformWords, sourceStatusLabel } from '../../format/platform-words';

/** "Ticket 332", "Conversation 215373": the platform's own word for one of its conversations ("Contact 332" for a platform Intake does not know). */
export function referenceLabel(contact: Pick<ContactView, 'platform' | 'sourceRef'>, platform: PlatformView | undefined): string {
  return `${platformWords(platform, contact.platform).Noun} ${contact.sourceRef}`;
}

export function contactTitle(contact: Pick<ContactView, 'platform' | 'sourceRef' | 'metadata'>, platform: PlatformView | undefined): string {
  const subject = contact.metadata.subject;
  return typeof subject === 'string' && subject ? subject : referenceLabel(contact, platform);
}

/** Intake's status, and the platform's own word when it says something else: "solved (Resolved)", "pending (On-hold)". */
export function statusWords(contact: Pick<ContactView, 'status' | 'sourceStatus'>, platform: PlatformView | undefined): string {
  const own = sourceStatusLabel(platform, contact.sourceStatus) ?? contact.sourceStatus;
  return own.toLowerCase() === contact.status ? contact.status : `${contact.status} (${own})`;
}

export function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
