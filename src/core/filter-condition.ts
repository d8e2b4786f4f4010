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

/** One condition of an integration's filter; a contact must meet every condition. */
export const filterConditionSchema = z
  .object({
    field: filterFieldSchema,
    operator: z.enum(FILTER_OPERATORS),
    value: z.union([text, z.array(text).min(1, 'needs at least one value').max(200)]).optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const { operator, value } = condition;
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

export function describeCondition(condition: FilterCondition): string {
  const words = condition.operator.replaceAll('_', ' ');
  if (condition.value === undefined) return `${condition.field} ${words}`;
  const shown = Array.isArray(condition.value)
    ? `[${condition.value.map((v) => JSON.stringify(v)).join(', ')}]`
    : JSON.stringify(condition.value);
  return `${condition.field} ${words} ${shown}`;
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
