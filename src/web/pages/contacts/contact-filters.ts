import type { ContactQuery } from '../../api/types';

export const FILTER_KEYS = ['integrationId', 'channel', 'agent', 'status', 'tag', 'importedFrom', 'importedTo'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ContactFilters = Record<FilterKey, string>;

export function filtersFromParams(params: URLSearchParams): ContactFilters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as ContactFilters;
}

/** The list query: dates as whole days, "to" including the whole of its day (UTC). */
export function queryFromFilters(filters: ContactFilters): ContactQuery {
  const query: ContactQuery = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (!value) continue;
    query[key] = key === 'importedTo' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  }
  return query;
}

/** The paths the filter form shows errors beside (the API names them after the query). */
export const FILTER_PATHS = FILTER_KEYS.flatMap((k) => [k, `querystring.${k}`]);
