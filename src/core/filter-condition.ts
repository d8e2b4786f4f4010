import { z } from 'zod';
import type { ContactDraft } from './contact.js';

export const FILTER_OPERATORS = [
  'is',
  'is_not',
  'is_one_of',
  'is_not_one_of',
  'contains',
  'exists',
  'does_not_exist',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const FILTER_FIELDS = ['channel', 'agent', 'status', 'tag'] as const;
const CUSTOM_FIELD_PREFIX = 'custom_field.';

const filterFieldSchema = z
  .string()
  .trim()
  .refine(
    (field) =>
      (FILTER_FIELDS as readonly string[]).includes(field) ||
      (field.startsWith(CUSTOM_FIELD_PREFIX) && field.length > CUSTOM_FIELD_PREFIX.length),
    { message: `must be one of ${FILTER_FIELDS.join(', ')} or custom_field.<name>` },
  );

const text = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/**
 * One condition of an integration's filter; a contact must meet every condition. `field` and
 * `value` hold what evaluation compares — for agents and custom fields the platform's ids, so a
 * rename at the source changes nothing. `label` and `valueLabels` keep the names the condition was
 * saved with (a custom field's name; each agent's name, in the order of the values), for display
 * only. Both are optional: conditions stored before names existed still parse.
 */
export const filterConditionSchema = z
  .object({
    field: filterFieldSchema,
    operator: z.enum(FILTER_OPERATORS),
    value: z.union([text, z.array(text).min(1, 'needs at least one value').max(200)]).optional(),
    label: z.string().trim().max(500, 'must be at most 500 characters').optional(),
    valueLabels: z.array(z.string().trim().max(500, 'must be at most 500 characters')).max(200).optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const { operator, value } = condition;
    if (condition.valueLabels !== undefined && condition.valueLabels.length !== [value ?? []].flat().length) {
      ctx.addIssue({ code: 'custom', path: ['valueLabels'], message: 'must hold one name per value' });
    }
    if (operator === 'exists' || operator === 'does_not_exist') {
      if (value !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `must be left out for operator ${operator}` });
      }
    } else if (operator === 'is_one_of' || operator === 'is_not_one_of') {
      if (!Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a list of values for operator ${operator}` });
      }
    } else if (typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a single value for operator ${operator}` });
    }
  });

export type FilterCondition = z.infer<typeof filterConditionSchema>;

export interface FilterFailure {
  conditionIndex: number;
  condition: FilterCondition;
  /** Plain words, e.g. `tag contains "vip"`. */
  expected: string;
  actual: string | string[] | null;
}

/** Returns the first condition the contact fails, or null when it meets them all. */
export function findFailingCondition(contact: ContactDraft, conditions: readonly FilterCondition[]): FilterFailure | null {
  for (const [conditionIndex, condition] of conditions.entries()) {
    const actual = fieldValue(contact, condition.field);
    if (!meets(condition, actual)) {
      return { conditionIndex, condition, expected: describeCondition(condition), actual };
    }
  }
  return null;
}

/**
 * The platform's names for ids, as data (the core never asks a source): agents by id, custom
 * fields by the key contacts carry.
 */
export interface DirectoryNames {
  agents: Readonly<Record<string, string>>;
  customFields: Readonly<Record<string, string>>;
}

/**
 * A condition in the words of the filter syntax: `tag contains "vip"`. With names (today's, from
 * the directory, else those the condition was saved with) agents and custom fields read
 * `agent is Ann Lee (9101)` and `custom_field.Plan (360001) is "gold"`.
 */
export function describeCondition(condition: FilterCondition, names?: DirectoryNames): string {
  const words = condition.operator.replaceAll('_', ' ');
  const field = describeField(condition, names);
  if (condition.value === undefined) return `${field} ${words}`;
  const values = [condition.value].flat();
  const shown = values.map((value, i) => (condition.field === 'agent' ? named(value, names?.agents[value] ?? condition.valueLabels?.[i]) : JSON.stringify(value)));
  return `${field} ${words} ${Array.isArray(condition.value) ? `[${shown.join(', ')}]` : shown[0]}`;
}

function describeField(condition: FilterCondition, names?: DirectoryNames): string {
  const key = customFieldKey(condition.field);
  if (key === null) return condition.field;
  const name = names?.customFields[key] ?? condition.label;
  return name && name !== key ? `${CUSTOM_FIELD_PREFIX}${name} (${key})` : condition.field;
}

/** `Ann Lee (9101)` when the name says more than the id, else the id as the filter syntax quotes it. */
export function named(id: string, name: string | undefined): string {
  return name && name !== id ? `${name} (${id})` : JSON.stringify(id);
}

/** The key after `custom_field.`, or null for the built-in fields. */
export function customFieldKey(field: string): string | null {
  return field.startsWith(CUSTOM_FIELD_PREFIX) ? field.slice(CUSTOM_FIELD_PREFIX.length) : null;
}

/** What a condition compares — field, operator, values — without the names it was saved with. */
export function conditionKey(condition: FilterCondition): string {
  return JSON.stringify([condition.field, condition.operator, condition.value ?? null]);
}

/** The contact's value for a filter field: a list for tags and multi-select fields, else a string or null. */
export function fieldValue(contact: ContactDraft, field: string): string | string[] | null {
  if (field === 'channel') return contact.channel;
  if (field === 'agent') return contact.agent;
  if (field === 'status') return contact.sourceStatus;
  if (field === 'tag') return contact.tags;
  const raw = contact.customFields[field.slice(CUSTOM_FIELD_PREFIX.length)];
  if (raw === undefined || raw === null) return null;
  if (Array.isArray(raw)) return raw;
  return String(raw);
}

// Comparison ignores case and surrounding space: admins type "Email" for the channel "email".
const norm = (value: string) => value.trim().toLowerCase();

function meets(condition: FilterCondition, actual: string | string[] | null): boolean {
  const wanted = condition.value === undefined ? [] : [condition.value].flat().map(norm);
  const values = actual === null ? [] : [actual].flat().map(norm).filter((v) => v !== '');
  const isList = Array.isArray(actual);
  switch (condition.operator) {
    case 'exists':
      return values.length > 0;
    case 'does_not_exist':
      return values.length === 0;
    case 'is':
      return values.includes(wanted[0]!);
    case 'is_not':
      return !values.includes(wanted[0]!);
    case 'is_one_of':
      return values.some((v) => wanted.includes(v));
    case 'is_not_one_of':
      return !values.some((v) => wanted.includes(v));
    case 'contains':
      // On a list (tags, multi-select) "contains" means holds that element; on text, a substring.
      return isList ? values.includes(wanted[0]!) : values.some((v) => v.includes(wanted[0]!));
  }
}
