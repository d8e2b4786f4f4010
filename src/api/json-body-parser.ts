import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../services/service-errors.js';

/** Objects and arrays inside each other; Intake's deepest real body (filters in settings) uses 5. */
export const MAX_BODY_DEPTH = 32;

/**
 * True when JSON text nests objects and arrays deeper than `max`. A single pass over the text,
 * without recursion, so a body nested thousands of levels deep is refused before anything that
 * walks it recursively (validation, the NUL check) can overflow the stack.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Fastify's own JSON parser (prototype poisoning refused), behind the depth limit. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_BODY_DEPTH)) {
      done(new ValidationError([{ path: 'body', message: `nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep; at most ${MAX_BODY_DEPTH} levels are allowed` }]), undefined);
      return;
    }
    parse(request, text, done);
  });
}
