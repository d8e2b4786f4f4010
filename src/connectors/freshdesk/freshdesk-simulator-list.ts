import { FRESHDESK_MAX_PER_PAGE } from './freshdesk-wire.js';

/**
 * How the simulator reads a list request's query the way Freshdesk does: unknown parameters,
 * bad values and pages past the cap are refused with Freshdesk's 400 validation body.
 */

export interface ValidationFailure {
  field: string;
  message: string;
  code: 'invalid_value' | 'invalid_field';
}

export function validationBody(errors: ValidationFailure[]): { description: string; errors: ValidationFailure[] } {
  return { description: 'Validation failed', errors };
}

export interface Paging {
  page: number;
  perPage: number;
}

export interface TicketListQuery extends Paging {
  filter: 'new_and_my_open' | 'watching' | 'spam' | 'deleted' | null;
  /** Null: without updated_since only tickets created in the last 30 days are listed. */
  sinceMs: number | null;
  orderBy: 'created_at' | 'due_by' | 'updated_at' | 'status';
  orderType: 'asc' | 'desc';
  include: Set<(typeof INCLUDES)[number]>;
  requesterId: number | null;
  companyId: number | null;
}

const TICKET_PARAMS = new Set(['filter', 'requester_id', 'email', 'unique_external_id', 'company_id', 'updated_since', 'order_by', 'order_type', 'per_page', 'page', 'include']);
const FILTERS = ['new_and_my_open', 'watching', 'spam', 'deleted'] as const;
const ORDER_BY = ['created_at', 'due_by', 'updated_at', 'status'] as const;
const INCLUDES = ['requester', 'stats', 'description'] as const;

/** page and per_page (default 30, at most 100), and the page cap. */
export function parsePaging(params: URLSearchParams, maxPages: number, errors: ValidationFailure[]): Paging {
  const perPageText = params.get('per_page');
  const pageText = params.get('page');
  const perPage = perPageText === null ? 30 : Number(perPageText);
  const page = pageText === null ? 1 : Number(pageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > FRESHDESK_MAX_PER_PAGE) {
    errors.push({ field: 'per_page', message: `It should be a Positive Integer less than or equal to ${FRESHDESK_MAX_PER_PAGE}`, code: 'invalid_value' });
  }
  if (!Number.isInteger(page) || page < 1) {
    errors.push({ field: 'page', message: 'It should be a Positive Integer', code: 'invalid_value' });
  } else if (page > maxPages) {
    errors.push({ field: 'page', message: `You cannot access tickets beyond the ${ordinal(maxPages)} page. Please provide a smaller page number.`, code: 'invalid_value' });
  }
  return { page, perPage };
}

export function parseTicketListQuery(params: URLSearchParams, maxPages: number): TicketListQuery | ValidationFailure[] {
  const errors: ValidationFailure[] = [];
  for (const key of params.keys()) if (!TICKET_PARAMS.has(key)) errors.push({ field: key, message: 'Unexpected/invalid field in request', code: 'invalid_field' });
  const paging = parsePaging(params, maxPages, errors);
  const filter = oneOf(params, 'filter', FILTERS, null, errors);
  const orderBy = oneOf(params, 'order_by', ORDER_BY, 'created_at', errors)!;
  const orderType = oneOf(params, 'order_type', ['asc', 'desc'] as const, 'desc', errors)!;
  const since = params.get('updated_since');
  const sinceMs = since === null ? null : /^\d{4}-\d{2}-\d{2}/.test(since) ? Date.parse(since) : Number.NaN;
  if (Number.isNaN(sinceMs)) errors.push({ field: 'updated_since', message: "It should be in the 'valid date time' format", code: 'invalid_value' });
  const include = new Set<(typeof INCLUDES)[number]>();
  for (const part of (params.get('include') ?? '').split(',').filter(Boolean)) {
    if ((INCLUDES as readonly string[]).includes(part)) include.add(part as (typeof INCLUDES)[number]);
    else errors.push({ field: 'include', message: `It should be one of these values: '${INCLUDES.join(',')}'`, code: 'invalid_value' });
  }
  const requesterId = optionalInt(params, 'requester_id', errors);
  const companyId = optionalInt(params, 'company_id', errors);
  if (errors.length > 0) return errors;
  return { ...paging, filter, sinceMs, orderBy, orderType, include, requesterId, companyId };
}

function oneOf<T extends string>(params: URLSearchParams, field: string, allowed: readonly T[], fallback: T | null, errors: ValidationFailure[]): T | null {
  const value = params.get(field);
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ field, message: `It should be one of these values: '${allowed.join(',')}'`, code: 'invalid_value' });
  return fallback;
}

function optionalInt(params: URLSearchParams, field: string, errors: ValidationFailure[]): number | null {
  const value = params.get(field);
  if (value === null) return null;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  errors.push({ field, message: 'It should be a Positive Integer', code: 'invalid_value' });
  return null;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
