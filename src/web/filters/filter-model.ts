import type { FilterConditionView } from '../api/types';

export const OPERATORS = ['is', 'is_not', 'is_one_of', 'is_not_one_of', 'contains', 'exists', 'does_not_exist'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  is: 'is',
  is_not: 'is not',
  is_one_of: 'is one of',
  is_not_one_of: 'is not one of',
  contains: 'contains',
  exists: 'exists',
  does_not_exist: 'does not exist',
};

export const FIELD_KINDS = ['channel', 'agent', 'status', 'tag', 'custom_field'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_LABELS: Record<FieldKind, string> = {
  channel: 'Channel',
  agent: 'Agent',
  status: 'Status',
  tag: 'Tag',
  custom_field: 'Custom field',
};

/** Values worth suggesting per field: the platform's own status and channel words; custom fields get the source's samples. */
export type ValueSuggestions = Partial<Record<FieldKind, string[]>>;

export function valueSuggestions(platform: { presentation: { statuses: Array<{ value: string }>; channels: string[] } } | undefined): ValueSuggestions {
  if (!platform) return {};
  return { status: platform.presentation.statuses.map((s) => s.value), channel: [...platform.presentation.channels] };
}

/** One condition as the builder edits it. */
export interface FilterDraft {
  key: string;
  field: FieldKind;
  customField: string;
  operator: Operator;
  value: string;
  values: string[];
}

export function takesNoValue(operator: Operator): boolean {
  return operator === 'exists' || operator === 'does_not_exist';
}

export function takesList(operator: Operator): boolean {
  return operator === 'is_one_of' || operator === 'is_not_one_of';
}

let counter = 0;
const newKey = () => `f${++counter}`;

export function emptyFilter(): FilterDraft {
  return { key: newKey(), field: 'tag', customField: '', operator: 'contains', value: '', values: [] };
}

export function fromCondition(condition: FilterConditionView): FilterDraft {
  const custom = condition.field.startsWith('custom_field.');
  const kind = custom ? 'custom_field' : ((FIELD_KINDS as readonly string[]).includes(condition.field) ? (condition.field as FieldKind) : 'tag');
  const list = Array.isArray(condition.value) ? condition.value : condition.value !== undefined ? [condition.value] : [];
  return {
    key: newKey(),
    field: kind,
    customField: custom ? condition.field.slice('custom_field.'.length) : '',
    operator: condition.operator,
    value: typeof condition.value === 'string' ? condition.value : (list[0] ?? ''),
    values: list,
  };
}

export function toCondition(draft: FilterDraft): FilterConditionView {
  const field = draft.field === 'custom_field' ? `custom_field.${draft.customField.trim()}` : draft.field;
  if (takesNoValue(draft.operator)) return { field, operator: draft.operator };
  if (takesList(draft.operator)) return { field, operator: draft.operator, value: draft.values };
  return { field, operator: draft.operator, value: draft.value.trim() };
}

/** Changing the operator keeps what was typed: a single value becomes a one-item list and back. */
export function withOperator(draft: FilterDraft, operator: Operator): FilterDraft {
  const next = { ...draft, operator };
  if (takesList(operator) && !takesList(draft.operator) && draft.value.trim()) next.values = [draft.value.trim()];
  if (!takesList(operator) && takesList(draft.operator)) next.value = draft.values[0] ?? '';
  return next;
}
