import type { Directory, DirectoryKind } from './directory.js';
import { directoryNames } from './directory.js';
import { customFieldKey, describeCondition, named, type FilterCondition } from './filter-condition.js';

/**
 * Something in the settings that no longer fits the source: a filter on a custom field the
 * platform stopped listing (or never listed), or on an agent it no longer lists. Such a
 * condition does not fail loudly — it silently stops matching — so the integration says so.
 */
export interface SettingsProblem {
  kind: 'custom_field_gone' | 'custom_field_unlisted' | 'agent_gone' | 'agent_unlisted';
  /** Index in settings.filters. */
  conditionIndex: number;
  /** The custom field's key or the agent's id at fault. */
  id: string;
  /** When the source stopped listing it (for `_gone`). */
  since: string | null;
  message: string;
}

/**
 * The filter conditions the directory shows to be stale. Judged only against kinds the source
 * has listed at least once: without a directory there is nothing to say.
 */
export function findSettingsProblems(filters: readonly FilterCondition[], directory: Pick<Directory, 'items' | 'refreshedAt' | 'kinds'>, sourceName: string): SettingsProblem[] {
  if (!directory.refreshedAt) return [];
  const names = directoryNames(directory);
  const find = (kind: DirectoryKind, id: string) => directory.items.find((i) => i.kind === kind && i.id === id);
  const problems: SettingsProblem[] = [];
  filters.forEach((condition, conditionIndex) => {
    const which = `Filter condition ${conditionIndex + 1} (${describeCondition(condition, names)})`;
    const key = customFieldKey(condition.field);
    if (key !== null && directory.kinds.includes('custom_field')) {
      const item = find('custom_field', key);
      if (!item) {
        problems.push({ kind: 'custom_field_unlisted', conditionIndex, id: key, since: null, message: `${which} uses a custom field ${sourceName} does not list: no contact carries it, so the condition cannot filter as intended. Choose one of its custom fields in Settings.` });
      } else if (item.goneAt) {
        problems.push({ kind: 'custom_field_gone', conditionIndex, id: key, since: item.goneAt, message: `${which} uses a custom field ${sourceName} no longer lists (gone since ${item.goneAt.slice(0, 10)}): contacts no longer carry it, so the condition no longer filters as intended. Edit or remove it in Settings.` });
      }
    }
    if (condition.field === 'agent' && condition.operator !== 'contains' && condition.value !== undefined && directory.kinds.includes('agent')) {
      for (const id of [condition.value].flat()) {
        const item = find('agent', id);
        if (!item) {
          problems.push({ kind: 'agent_unlisted', conditionIndex, id, since: null, message: `${which} names the agent "${id}", whom ${sourceName} does not list: no conversation is assigned to that id. Choose the agent by name in Settings.` });
        } else if (item.goneAt) {
          problems.push({ kind: 'agent_gone', conditionIndex, id, since: item.goneAt, message: `${which} names the agent ${named(id, item.name)}, whom ${sourceName} no longer lists (since ${item.goneAt.slice(0, 10)}): new conversations cannot be assigned to them. Edit the condition in Settings if it should name someone else.` });
        }
      }
    }
  });
  return problems;
}
