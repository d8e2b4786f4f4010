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

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes('\u0000') ? `${path}.${key}` : findNul(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
