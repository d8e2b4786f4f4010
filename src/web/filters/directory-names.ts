import type { IntegrationDirectoryView } from '../api/directory';

/** Ids to names, as describing a condition needs them. */
export interface DirectoryNames {
  agents: Record<string, string>;
  customFields: Record<string, string>;
}

export function directoryNames(directory: IntegrationDirectoryView | undefined): DirectoryNames | undefined {
  if (!directory) return undefined;
  return {
    agents: Object.fromEntries(directory.agents.map((a) => [a.id, a.name])),
    customFields: Object.fromEntries((directory.customFields ?? []).map((f) => [f.id, f.name])),
  };
}

/** `Ann Lee (9101)`, or the id alone when no name is known (or the name is the id). */
export function nameWithId(id: string, name: string | null | undefined): string {
  return name && name !== id ? `${name} (${id})` : id;
}
