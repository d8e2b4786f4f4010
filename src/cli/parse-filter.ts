import { FILTER_OPERATORS } from '../core/filter-condition.js';

/**
 * `--filter` on the command line: `<field> <operator> [value]`, e.g. `tag contains vip`,
 * `channel is_one_of email,web`, `custom_field.360001 is gold`, `agent exists`.
 * A field named by its name may hold spaces (`custom_field.Plan tier is gold`): the first word that
 * is an operator ends the field. Returns the condition as the settings schema takes it; the schema
 * then checks it in full.
 */
export function parseFilter(text: string): { field: string; operator: string; value?: string | string[] } | { problem: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { problem: `"${text}" must read <field> <operator> [value], e.g. "tag contains vip"` };
  const at = words.findIndex((word, i) => i > 0 && (FILTER_OPERATORS as readonly string[]).includes(word));
  if (at < 0) {
    return { problem: `"${words[1]}" is not an operator; use one of ${FILTER_OPERATORS.join(', ')}` };
  }
  const field = words.slice(0, at).join(' ');
  const operator = words[at] as string;
  // The value keeps its inner spacing as typed ("Plan  tier" stays as is), only its ends trimmed.
  const rest = text.trim().slice(text.trim().indexOf(operator, field.length) + operator.length).trim();
  if (rest === '') return { field, operator };
  const value = operator === 'is_one_of' || operator === 'is_not_one_of' ? rest.split(',').map((v) => v.trim()).filter(Boolean) : rest;
  return { field, operator, value };
}

/** `15`, `15m`, `2h` → minutes; null when unreadable. */
export function parseInterval(text: string): number | null {
  const match = /^\s*(\d+)\s*(m|min|minutes?|h|hours?)?\s*$/i.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return /^h/i.test(match[2] ?? '') ? n * 60 : n;
}
