import type { FilterConditionView } from '../api/types';
import { FIELD_LABELS, OPERATOR_LABELS, type FieldKind } from './filter-model';

function fieldWords(field: string): string {
  if (field.startsWith('custom_field.')) return `Custom field ${field.slice('custom_field.'.length)}`;
  return FIELD_LABELS[field as FieldKind] ?? field;
}

/** A filter condition in words: Tag contains “vip”, Channel is one of “email”, “web”. */
export function describeCondition(condition: FilterConditionView): string {
  const value = condition.value;
  const shown = value === undefined ? '' : Array.isArray(value) ? ` ${value.map((v) => `“${v}”`).join(', ')}` : ` “${value}”`;
  return `${fieldWords(condition.field)} ${OPERATOR_LABELS[condition.operator]}${shown}`;
}
