import type { DirectoryEntryView } from '../api/directory';

/** What the filter builder offers by name, from the integration's directory. */
export interface FilterDirectory {
  platformName: string;
  agents: DirectoryEntryView[];
  customFields: DirectoryEntryView[];
  refreshedAt: string | null;
  /** Why the last read from the platform failed. */
  error: string | null;
  refresh: { run: () => void; pending: boolean; error: string | null };
}

/** Listed entries, by name; a gone one only when it is the one chosen (so it still shows). */
export function choices(entries: DirectoryEntryView[], chosen: readonly string[]): DirectoryEntryView[] {
  return entries.filter((e) => e.goneAt === null || chosen.includes(e.id));
}

/** An option's words: `Ann Lee (9101)`, marked when the platform no longer lists it. */
export function optionWords(entry: DirectoryEntryView, platformName: string): string {
  const named = entry.name === entry.id ? entry.name : `${entry.name} (${entry.id})`;
  return entry.goneAt ? `${named} — no longer listed by ${platformName}` : named;
}
