import type { SimConversation } from './intercom-seed.js';

/** A search request Intercom would refuse: answered 400 with this code in an error.list. */
export class SearchQueryError extends Error {
  constructor(
    readonly code: 'parameter_invalid' | 'type_mismatch' | 'parameter_not_found',
    message: string,
  ) {
    super(message);
  }
}

export type ConversationPredicate = (conversation: SimConversation) => boolean;

const OPERATORS = new Set(['=', '!=', 'IN', 'NIN', '<', '>', '~', '!~', '^', '$']);
const DATE_FIELDS = new Set(['created_at', 'updated_at', 'waiting_since', 'snoozed_until']);
const BOOLEAN_FIELDS = new Set(['open', 'read']);
const MAX_GROUP = 15;
const MAX_NESTING = 2;

type Value = string | number | boolean | null | Array<string | number | boolean | null>;

/** The searchable fields of the conversation model, and where each lives. */
function fieldValue(c: SimConversation, field: string): Value | undefined {
  if (field.startsWith('custom_attributes.')) return c.custom_attributes[field.slice('custom_attributes.'.length)] ?? null;
  if (field.startsWith('statistics.')) return (c.statistics[field.slice('statistics.'.length)] as Value | undefined) ?? null;
  if (field.startsWith('source.author.')) return (c.source.author as Record<string, Value>)[field.slice('source.author.'.length)] ?? null;
  switch (field) {
    case 'id':
    case 'created_at':
    case 'updated_at':
    case 'waiting_since':
    case 'snoozed_until':
    case 'open':
    case 'read':
    case 'state':
    case 'priority':
    case 'title':
      return c[field] ?? null;
    case 'admin_assignee_id':
      return c.admin_assignee_id === null ? null : String(c.admin_assignee_id);
    case 'team_assignee_id':
      return c.team_assignee_id ?? null;
    case 'tag_ids':
      return c.tags.tags.map((t) => t.id);
    case 'contact_ids':
      return c.contacts.contacts.map((t) => t.id);
    case 'teammate_ids':
      return c.teammates.admins.map((t) => t.id);
    case 'channel_initiated':
      return c.source.type;
    case 'source.type':
    case 'source.id':
    case 'source.delivered_as':
    case 'source.subject':
    case 'source.body':
    case 'source.url':
      return c.source[field.slice('source.'.length) as 'type'] ?? null;
    default:
      return undefined;
  }
}

/**
 * Compiles Intercom's search query (field/operator/value filters, AND/OR groups nested at most two
 * deep with at most 15 filters each) into a predicate, refusing what Intercom documents it refuses.
 * `>` and `<` include their value, as the reference words them ("greater (or equal) than"), unless
 * `strictBounds` says otherwise.
 */
export function compileSearchQuery(query: unknown, strictBounds = false): ConversationPredicate {
  return compile(query, 0, strictBounds);
}

function compile(node: unknown, depth: number, strict: boolean): ConversationPredicate {
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw new SearchQueryError('parameter_invalid', 'query must be an object');
  const { field, operator, value } = node as { field?: unknown; operator?: unknown; value?: unknown };
  if (operator === 'AND' || operator === 'OR') {
    if (depth >= MAX_NESTING) throw new SearchQueryError('parameter_invalid', `query nests more than ${MAX_NESTING} levels of AND/OR filters`);
    if (!Array.isArray(value) || value.length === 0) throw new SearchQueryError('parameter_invalid', `${operator} needs a non-empty array of filters as its value`);
    if (value.length > MAX_GROUP) throw new SearchQueryError('parameter_invalid', `an ${operator} group may hold at most ${MAX_GROUP} filters (it holds ${value.length})`);
    const parts = value.map((v) => compile(v, depth + 1, strict));
    return operator === 'AND' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c));
  }
  if (typeof field !== 'string') throw new SearchQueryError('parameter_not_found', 'each filter needs a field, an operator and a value');
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) throw new SearchQueryError('parameter_invalid', `operator ${JSON.stringify(operator)} is not supported`);
  if (value === undefined) throw new SearchQueryError('parameter_not_found', `the filter on ${field} has no value`);
  return compileFilter(field, operator, value, strict);
}

function compileFilter(field: string, operator: string, raw: unknown, strict: boolean): ConversationPredicate {
  const probe = fieldValue(EMPTY, field);
  if (probe === undefined) throw new SearchQueryError('parameter_invalid', `${field} is not a searchable conversation field`);
  const list = operator === 'IN' || operator === 'NIN';
  if (list !== Array.isArray(raw)) throw new SearchQueryError('type_mismatch', list ? `${operator} needs an array value` : `${operator} needs a single value`);
  const values = (list ? (raw as unknown[]) : [raw]).map((v) => typed(field, v));
  const wanted = values[0];
  const matches = (actual: Value): boolean => {
    const all = Array.isArray(actual) ? actual : [actual];
    const text = (v: unknown) => String(v ?? '').toLowerCase();
    switch (operator) {
      case '=':
        return all.some((a) => a === wanted || (a !== null && wanted !== null && String(a) === String(wanted)));
      case '!=':
        return !all.some((a) => a === wanted || (a !== null && wanted !== null && String(a) === String(wanted)));
      case 'IN':
        return all.some((a) => values.some((w) => a !== null && String(a) === String(w)));
      case 'NIN':
        return !all.some((a) => values.some((w) => a !== null && String(a) === String(w)));
      case '>':
        return all.some((a) => typeof a === 'number' && (strict ? a > Number(wanted) : a >= Number(wanted)));
      case '<':
        return all.some((a) => typeof a === 'number' && (strict ? a < Number(wanted) : a <= Number(wanted)));
      case '~':
        return all.some((a) => text(a).includes(text(wanted)));
      case '!~':
        return !all.some((a) => text(a).includes(text(wanted)));
      case '^':
        return all.some((a) => text(a).startsWith(text(wanted)));
      default:
        return all.some((a) => text(a).endsWith(text(wanted)));
    }
  };
  return (c) => matches(fieldValue(c, field) ?? null);
}

/** The value as the field's type; a date must be a unix time, a boolean true or false. */
function typed(field: string, value: unknown): string | number | boolean | null {
  if (DATE_FIELDS.has(field) || (field.startsWith('statistics.') && field.endsWith('_at'))) {
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new SearchQueryError('type_mismatch', `${field} is a date: its value must be a UNIX timestamp, not ${JSON.stringify(value)}`);
    return n;
  }
  if (BOOLEAN_FIELDS.has(field)) {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new SearchQueryError('type_mismatch', `${field} is a boolean: its value must be true or false`);
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new SearchQueryError('type_mismatch', `the value for ${field} must be a string, number or boolean`);
}

/** A conversation with every field empty, to tell searchable fields from unknown ones. */
const EMPTY = {
  source: { author: {} },
  statistics: {},
  custom_attributes: {},
  tags: { tags: [] },
  contacts: { contacts: [] },
  teammates: { admins: [] },
} as unknown as SimConversation;
