import { ApiError } from './api-error';
import type { ErrorResponse } from './types';

const BASE = '/api/v1';

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;

/** The session's CSRF token, sent as `x-csrf-token` on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** How to get a fresh token when the server answers `csrf_failed` (the request is retried once). */
export function setCsrfRefresher(refresher: () => Promise<string | null>): void {
  refreshCsrf = refresher;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send<T>(method: string, path: string, body: unknown, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = body instanceof FormData;
  // A form (a file upload) is sent as multipart, its boundary chosen by the browser.
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (response.ok) return payload as T;
  const error = toApiError(response.status, payload);
  if (error.code === 'csrf_failed' && !retried && refreshCsrf) {
    csrfToken = await refreshCsrf();
    return send<T>(method, path, body, true);
  }
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (payload as Partial<ErrorResponse> | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') return new ApiError(status, error);
  return new ApiError(status, {
    code: status >= 500 ? 'internal' : 'unexpected_answer',
    message: `Intake answered with an unexpected response (HTTP ${status}). Try again; if it persists, contact support.`,
    details: [],
  });
}

/** The one client of the REST API: JSON in and out, the CSRF header, typed errors. */
export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', withQuery(path, query), undefined, false),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body, false),
  /** Multipart: the browser streams a chosen file from disk. */
  postForm: <T>(path: string, form: FormData) => send<T>('POST', path, form, false),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body, false),
  delete: <T>(path: string, body?: unknown) => send<T>('DELETE', path, body, false),
};
