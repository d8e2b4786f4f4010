import { FILTER_OPERATORS } from '../core/filter-condition.js';

/**
 * `--filter` on the command line: `<field> <operator> [value]`, e.g. `tag contains vip`,
 * `channel is_one_of email,web`, `custom_field.360001 is gold`, `agent exists`.
 * Returns the condition as the settings schema takes it; the schema then checks it in full.
 */
export function parseFilter(text: string): { field: string; operator: string; value?: string | string[] } | { problem: string } {
  const match = /^\s*(\S+)\s+(\S+)(?:\s+(.+?))?\s*$/.exec(text);
  if (!match) return { problem: `"${text}" must read <field> <operator> [value], e.g. "tag contains vip"` };
  const [, field, operator, rawValue] = match as unknown as [string, string, string, string | undefined];
  if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) {
    return { problem: `"${operator}" is not an operator; use one of ${FILTER_OPERATORS.join(', ')}` };
  }
  if (rawValue === undefined) return { field, operator };
  const value = operator === 'is_one_of' || operator === 'is_not_one_of' ? rawValue.split(',').map((v) => v.trim()).filter(Boolean) : rawValue;
  return { field, operator, value };
}

/** `15`, `15m`, `2h` → minutes; null when unreadable. */
export function parseInterval(text: string): number | null {
  const match = /^\s*(\d+)\s*(m|min|minutes?|h|hours?)?\s*$/i.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return /^h/i.test(match[2] ?? '') ? n * 60 : n;
}
