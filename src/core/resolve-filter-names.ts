import type { DirectoryItem, DirectoryKind } from './directory.js';
import { closeMatches } from './close-matches.js';
import { conditionKey, customFieldKey, describeCondition, named, type FilterCondition } from './filter-condition.js';

/** A condition whose names could not be turned into ids, and why (with close matches). */
export interface NameProblem {
  conditionIndex: number;
  /** The part of the condition at fault. */
  part: 'field' | 'value';
  message: string;
}

export interface ResolvedFilters {
  filters: FilterCondition[];
  problems: NameProblem[];
}

export interface ResolveOptions {
  /** The conditions saved before: one sent back unchanged is kept as it was, names and all. */
  previous: readonly FilterCondition[];
  /** The platform's name, for messages ("Zendesk"). */
  sourceName: string;
}

/**
 * Turns the names in filter conditions into the platform's ids, so evaluation compares ids and a
 * rename at the source changes nothing: `agent is "Ann Lee"` is saved as `agent is "9101"` with
 * the name kept beside it for display, `custom_field.Plan` as `custom_field.360001`. An id is
 * taken as it is (even one the source no longer lists); a name must name exactly one listed
 * agent or field. Pure: the directory comes in as data.
 */
export function resolveFilterNames(filters: readonly FilterCondition[], items: readonly DirectoryItem[], options: ResolveOptions): ResolvedFilters {
  const previous = new Map(options.previous.map((c) => [conditionKey(c), c]));
  const problems: NameProblem[] = [];
  const resolved = filters.map((condition, conditionIndex) => {
    const kept = previous.get(conditionKey(condition));
    if (kept || !usesNames(condition)) return kept ?? withoutNames(condition);
    const result = resolveOne(condition, items, options.sourceName);
    if ('problem' in result) {
      problems.push({ conditionIndex, part: result.part, message: `${describeCondition(withoutNames(condition))}: ${result.problem}` });
      return withoutNames(condition);
    }
    return previous.get(conditionKey(result.condition)) ?? result.condition;
  });
  return { filters: resolved, problems };
}

/** Whether saving these conditions needs the directory (some condition, new or changed, names an agent or a custom field). */
export function needsDirectory(filters: readonly FilterCondition[], previous: readonly FilterCondition[]): boolean {
  const kept = new Set(previous.map(conditionKey));
  return filters.some((c) => usesNames(c) && !kept.has(conditionKey(c)));
}

/**
 * Agents are named by their values; custom fields by their key. `agent contains …` compares text
 * with the id, so it is taken as written.
 */
function usesNames(condition: FilterCondition): boolean {
  if (customFieldKey(condition.field) !== null) return true;
  return condition.field === 'agent' && condition.value !== undefined && condition.operator !== 'contains';
}

type Resolution = { condition: FilterCondition } | { part: 'field' | 'value'; problem: string };

function resolveOne(condition: FilterCondition, items: readonly DirectoryItem[], sourceName: string): Resolution {
  const key = customFieldKey(condition.field);
  if (key !== null) {
    const found = lookup('custom_field', key, items, sourceName);
    if ('problem' in found) return { part: 'field', problem: found.problem };
    return { condition: { ...withoutNames(condition), field: `custom_field.${found.item.id}`, label: found.item.name } };
  }
  const typed = [condition.value ?? []].flat();
  const ids: string[] = [];
  const labels: string[] = [];
  for (const value of typed) {
    const found = lookup('agent', value, items, sourceName);
    if ('problem' in found) return { part: 'value', problem: found.problem };
    ids.push(found.item.id);
    labels.push(found.item.name);
  }
  const value = Array.isArray(condition.value) ? ids : ids[0];
  return { condition: { ...withoutNames(condition), ...(value === undefined ? {} : { value }), valueLabels: labels } };
}

/** Names are Intake's to record, from the directory: what a client sends as names is not kept. */
export function withoutNames(condition: FilterCondition): FilterCondition {
  const { label: _label, valueLabels: _valueLabels, ...rest } = condition;
  return rest;
}

const WORDS: Record<DirectoryKind, { one: string; many: string }> = { agent: { one: 'agent', many: 'agents' }, custom_field: { one: 'custom field', many: 'custom fields' } };
const norm = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

function lookup(kind: DirectoryKind, written: string, items: readonly DirectoryItem[], sourceName: string): { item: DirectoryItem } | { problem: string } {
  const words = WORDS[kind];
  // `agent is "Ann Lee"` as the filter syntax quotes it (a command line passes the quotes on).
  const typed = /^"(.+)"$/.exec(written.trim())?.[1] ?? written;
  const ofKind = items.filter((i) => i.kind === kind);
  const exact = ofKind.find((i) => i.id === typed.trim());
  if (exact) return { item: exact };
  const listed = ofKind.filter((i) => i.goneAt === null);
  const byName = listed.filter((i) => norm(i.name) === norm(typed));
  if (byName.length === 1) return { item: byName[0]! };
  if (byName.length > 1) {
    const which = byName.map((i) => `${i.id}${i.detail ? ` (${i.detail})` : ''}`).join(' and ');
    return { problem: `"${typed}" is the name of ${byName.length} ${words.many} in ${sourceName}: ${which}; give the id of the one you mean` };
  }
  const byIdIgnoringCase = listed.filter((i) => norm(i.id) === norm(typed));
  if (byIdIgnoringCase.length === 1) return { item: byIdIgnoringCase[0]! };
  const gone = ofKind.find((i) => i.goneAt !== null && norm(i.name) === norm(typed));
  if (gone) {
    return { problem: `${sourceName} no longer lists the ${words.one} ${named(gone.id, gone.name)} (gone since ${gone.goneAt!.slice(0, 10)}); give its id, ${gone.id}, to filter on it anyway` };
  }
  if (listed.length === 0) return { problem: `${sourceName} lists no ${words.many}, so "${typed}" cannot be checked; give the ${words.one}'s id as ${sourceName} shows it` };
  const close = closeMatches(typed, listed, (i) => [i.name, i.id]);
  const suggestion = close.length ? `; close matches: ${close.map((i) => named(i.id, i.name)).join(', ')}` : `; it lists ${listed.length} ${listed.length === 1 ? words.one : words.many}`;
  return { problem: `${sourceName} lists no ${words.one} called "${typed}"${suggestion}. Use the name as ${sourceName} shows it, or the id` };
}
