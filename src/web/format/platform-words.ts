import type { PlatformView } from '../api/types';

type PlatformCapabilities = PlatformView['capabilities'];

export interface PlatformWords {
  /** The display name the platform declares. */
  name: string;
  /** What one conversation is called, lower case: "ticket", "conversation", "call". */
  noun: string;
  nouns: string;
  /** The same, capitalised to open a sentence or a title: "Ticket". */
  Noun: string;
  mark: { letters: string; colour: string };
}

/** The mark of a platform Intake does not know (anymore): its first letter on a neutral grey. */
const UNKNOWN_MARK_COLOUR = '#4c5767';

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * How to speak of a platform, from its declaration; for an id Intake does not know (or before the
 * platforms are read) the id itself and "contact".
 */
export function platformWords(platform: PlatformView | undefined, id: string): PlatformWords {
  if (!platform) {
    const noun = 'contact';
    return { name: capitalise(id), noun, nouns: 'contacts', Noun: capitalise(noun), mark: { letters: id.slice(0, 1).toUpperCase() || '?', colour: UNKNOWN_MARK_COLOUR } };
  }
  const { noun, mark } = platform.presentation;
  return { name: platform.name, noun: noun.one, nouns: noun.many, Noun: capitalise(noun.one), mark };
}

/**
 * What a platform can do. Unknown (not read yet, or a platform Intake no longer has): everything
 * is offered, and the server answers for what it cannot do.
 */
export function platformCapabilities(platform: PlatformView | undefined): PlatformCapabilities {
  return platform?.capabilities ?? { credentialsNeeded: true, fetchOne: true, backfill: true, detectsDeletions: true, directory: true, uploads: false, push: false };
}

/** The platform's own word for a status value (a numeric code → "Resolved"), or null. */
export function sourceStatusLabel(platform: PlatformView | undefined, value: string): string | null {
  return platform?.presentation.statuses.find((s) => s.value === value)?.label ?? null;
}
