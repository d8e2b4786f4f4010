import type { DirectoryNames } from './filter-condition.js';

/** What a platform's directory lists: the people conversations are assigned to, and custom fields. */
export const DIRECTORY_KINDS = ['agent', 'custom_field'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** One agent or custom field of an integration's source, as Intake last saw it listed. */
export interface DirectoryItem {
  kind: DirectoryKind;
  /** The id contacts carry: an agent's id, a custom field's key. */
  id: string;
  name: string;
  /** An agent's email, a field's type. */
  detail: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When the source stopped listing it (deleted, deactivated); null while it is listed. */
  goneAt: string | null;
}

/** An integration's cached directory and how fresh it is. */
export interface Directory {
  items: DirectoryItem[];
  /** What the source listed when last read (a platform may list agents but not custom fields). */
  kinds: DirectoryKind[];
  /** The last time the source was read in full; null until it has been once. */
  refreshedAt: string | null;
  /** The last time Intake tried, successful or not. */
  attemptedAt: string | null;
  /** Why the last attempt failed; null after a successful one. */
  error: { category: string; message: string } | null;
}

export const EMPTY_DIRECTORY: Directory = { items: [], kinds: [], refreshedAt: null, attemptedAt: null, error: null };

/** Ids to names (gone ones keep the last name they had), for describing conditions and contacts. */
export function directoryNames(directory: Pick<Directory, 'items'>): DirectoryNames {
  const agents: Record<string, string> = {};
  const customFields: Record<string, string> = {};
  for (const item of directory.items) (item.kind === 'agent' ? agents : customFields)[item.id] = item.name;
  return { agents, customFields };
}

const DAY_MS = 86_400_000;
const RETRY_AFTER_FAILURE_MS = 3_600_000;

/**
 * Whether the schedule should read the directory again: never read, a day since the last
 * successful read, or an hour since a failed attempt (a missing permission is not retried every run).
 */
export function directoryDue(directory: Pick<Directory, 'refreshedAt' | 'attemptedAt' | 'error'>, now: Date): boolean {
  if (!directory.attemptedAt) return true;
  const since = (iso: string | null) => (iso ? now.getTime() - Date.parse(iso) : Infinity);
  if (directory.error) return since(directory.attemptedAt) >= RETRY_AFTER_FAILURE_MS;
  return since(directory.refreshedAt) >= DAY_MS;
}
