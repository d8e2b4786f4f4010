import type { FilterConditionView } from '../api/types';
import { nameWithId, type DirectoryNames } from './directory-names';
import { FIELD_LABELS, OPERATOR_LABELS, type FieldKind } from './filter-model';

function fieldWords(condition: FilterConditionView, names?: DirectoryNames): string {
  const field = condition.field;
  if (field.startsWith('custom_field.')) {
    const key = field.slice('custom_field.'.length);
    return `Custom field ${nameWithId(key, names?.customFields[key] ?? condition.label)}`;
  }
  return FIELD_LABELS[field as FieldKind] ?? field;
}

/**
 * A filter condition in words: Tag contains “vip”, Channel is one of “email”, “web”; agents and
 * custom fields by name with their id — Agent is Ann Lee (9101) — from the directory, else the
 * names the condition was saved with.
 */
export function describeCondition(condition: FilterConditionView): string {
  return conditionWords(condition);
}

/** The same with today's names from the directory: `filters.map(describeWith(names))`. */
export function describeWith(names: DirectoryNames | undefined): (condition: FilterConditionView) => string {
  return (condition) => conditionWords(condition, names);
}

function conditionWords(condition: FilterConditionView, names?: DirectoryNames): string {
  const value = condition.value;
  const values = value === undefined ? [] : [value].flat();
  const words = values.map((v, i) => (condition.field === 'agent' ? nameWithId(v, names?.agents[v] ?? condition.valueLabels?.[i]) : `“${v}”`));
  const shown = words.length ? ` ${words.join(', ')}` : '';
  return `${fieldWords(condition, names)} ${OPERATOR_LABELS[condition.operator]}${shown}`;
}
