import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../services/service-errors.js';

/**
 * NUL characters are never meaningful in Intake's input and PostgreSQL cannot store them in text:
 * refuse them up front, naming where they were, instead of failing deep in a query.
 */
export async function rejectNulBytes(request: FastifyRequest): Promise<void> {
  const found = findNul(request.body, 'body') ?? findNul(request.query, 'query') ?? findNul(request.params, 'params');
  if (found) throw new ValidationError([{ path: found.replace(/^body\.?/, '') || 'body', message: 'must not contain NUL characters' }]);
}

/**
 * The path of the first string or key holding a NUL, walked with an explicit stack: the body's
 * depth is bounded at parsing, and this walk could not overflow the call stack even if it were not.
 */
function findNul(root: unknown, rootPath: string): string | null {
  const stack: Array<{ value: unknown; path: string; nulInKey: boolean }> = [{ value: root, path: rootPath, nulInKey: false }];
  while (stack.length) {
    const { value, path, nulInKey } = stack.pop()!;
    if (nulInKey) return path;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
      // Pushed in reverse so the first offending field, in order, is the one named.
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, item] = entries[i]!;
        stack.push({ value: item, path: `${path}.${key}`, nulInKey: key.includes('\u0000') });
      }
    }
  }
  return null;
}
