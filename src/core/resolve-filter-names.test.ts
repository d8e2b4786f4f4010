import { describe, expect, it } from 'vitest';
import { contactDraft } from '../../test/support/contact-draft.js';
import { closeMatches } from './close-matches.js';
import type { DirectoryItem } from './directory.js';
import { directoryNames } from './directory.js';
import { describeCondition, findFailingCondition, type FilterCondition } from './filter-condition.js';
import { needsDirectory, resolveFilterNames } from './resolve-filter-names.js';

const at = '2025-03-01T00:00:00.000Z';
const item = (kind: DirectoryItem['kind'], id: string, name: string, extra: Partial<DirectoryItem> = {}): DirectoryItem => ({ kind, id, name, detail: null, firstSeenAt: at, lastSeenAt: at, goneAt: null, ...extra });

const directory: DirectoryItem[] = [
  item('agent', '9101', 'Ann Lee', { detail: 'ann@acme.example' }),
  item('agent', '9102', 'Bo Chen'),
  item('agent', '9103', 'Carla Díaz'),
  item('agent', '9140', 'Sam Park', { detail: 'sam@acme.example' }),
  item('agent', '9141', 'Sam Park', { detail: 'sam.park@acme.example' }),
  item('agent', '9150', 'Old Timer', { goneAt: '2025-02-01T00:00:00.000Z' }),
  item('custom_field', '360001', 'Plan'),
  item('custom_field', '360002', 'Region'),
];
const options = { previous: [] as FilterCondition[], sourceName: 'Zendesk' };
const resolve = (filters: FilterCondition[], previous: FilterCondition[] = []) => resolveFilterNames(filters, directory, { ...options, previous });

describe('filters by name are saved by id', () => {
  it('turns an agent named by name into its id, keeping the name for display', () => {
    const { filters, problems } = resolve([{ field: 'agent', operator: 'is', value: 'ann lee' }]);
    expect(problems).toEqual([]);
    expect(filters).toEqual([{ field: 'agent', operator: 'is', value: '9101', valueLabels: ['Ann Lee'] }]);
  });

  it('takes a name written in quotes, as the filter syntax shows it', () => {
    expect(resolve([{ field: 'agent', operator: 'is', value: '"Ann Lee"' }]).filters[0]).toMatchObject({ value: '9101' });
  });

  it('takes an id as it is, and a mix of names and ids in a list', () => {
    const { filters } = resolve([{ field: 'agent', operator: 'is_not_one_of', value: ['9102', 'carla díaz'] }]);
    expect(filters).toEqual([{ field: 'agent', operator: 'is_not_one_of', value: ['9102', '9103'], valueLabels: ['Bo Chen', 'Carla Díaz'] }]);
  });

  it('turns a custom field named by name into its key', () => {
    const { filters } = resolve([{ field: 'custom_field.plan', operator: 'is', value: 'gold' }]);
    expect(filters).toEqual([{ field: 'custom_field.360001', operator: 'is', value: 'gold', label: 'Plan' }]);
    expect(resolve([{ field: 'custom_field.360002', operator: 'exists' }]).filters).toEqual([{ field: 'custom_field.360002', operator: 'exists', label: 'Region' }]);
  });

  it('refuses an unknown name, naming the condition and listing close matches', () => {
    const { problems } = resolve([{ field: 'tag', operator: 'contains', value: 'vip' }, { field: 'agent', operator: 'is', value: 'Ann Le' }]);
    expect(problems).toEqual([{ conditionIndex: 1, part: 'value', message: 'agent is "Ann Le": Zendesk lists no agent called "Ann Le"; close matches: Ann Lee (9101). Use the name as Zendesk shows it, or the id' }]);
    const field = resolve([{ field: 'custom_field.Plna', operator: 'is', value: 'gold' }]).problems[0]!;
    expect(field).toMatchObject({ conditionIndex: 0, part: 'field' });
    expect(field.message).toContain('lists no custom field called "Plna"; close matches: Plan (360001)');
  });

  it('refuses a name two agents share, naming both ids', () => {
    const { problems } = resolve([{ field: 'agent', operator: 'is', value: 'Sam Park' }]);
    expect(problems[0]!.message).toBe('agent is "Sam Park": "Sam Park" is the name of 2 agents in Zendesk: 9140 (sam@acme.example) and 9141 (sam.park@acme.example); give the id of the one you mean');
  });

  it('refuses the name of an agent the source no longer lists, but takes their id', () => {
    expect(resolve([{ field: 'agent', operator: 'is', value: 'Old Timer' }]).problems[0]!.message).toContain('no longer lists the agent Old Timer (9150) (gone since 2025-02-01); give its id, 9150');
    expect(resolve([{ field: 'agent', operator: 'is', value: '9150' }]).filters[0]).toMatchObject({ value: '9150', valueLabels: ['Old Timer'] });
  });

  it('keeps a condition sent back unchanged as it was saved, even when its name no longer resolves', () => {
    const saved: FilterCondition = { field: 'agent', operator: 'is', value: 'Departed Person' };
    const { filters, problems } = resolve([{ field: 'agent', operator: 'is', value: 'Departed Person' }], [saved]);
    expect(problems).toEqual([]);
    expect(filters).toEqual([saved]);
    expect(needsDirectory([saved], [saved])).toBe(false);
    expect(needsDirectory([{ field: 'tag', operator: 'contains', value: 'x' }], [])).toBe(false);
    expect(needsDirectory([{ field: 'agent', operator: 'is', value: 'Ann' }], [])).toBe(true);
  });

  it('drops names a client sends: they are recorded from the directory only', () => {
    const { filters } = resolve([{ field: 'agent', operator: 'is', value: '9101', valueLabels: ['Somebody Else'] }, { field: 'tag', operator: 'is', value: 'vip', label: 'made up' }]);
    expect(filters).toEqual([
      { field: 'agent', operator: 'is', value: '9101', valueLabels: ['Ann Lee'] },
      { field: 'tag', operator: 'is', value: 'vip' },
    ]);
  });

  it('keeps matching after the agent is renamed at the source: evaluation compares the saved id', () => {
    const [saved] = resolve([{ field: 'agent', operator: 'is', value: 'Ann Lee' }]).filters;
    const renamed = directory.map((i) => (i.id === '9101' ? { ...i, name: 'Ann Smith' } : i));
    const contact = contactDraft({ agent: '9101' });
    expect(findFailingCondition(contact, [saved!])).toBeNull();
    expect(findFailingCondition(contactDraft({ agent: '9102' }), [saved!])).not.toBeNull();
    // Shown under today's name; sending it back by the new name saves the same condition.
    expect(describeCondition(saved!, directoryNames({ items: renamed }))).toBe('agent is Ann Smith (9101)');
    const again = resolveFilterNames([{ field: 'agent', operator: 'is', value: 'Ann Smith' }], renamed, { ...options, previous: [saved!] });
    expect(again.filters).toEqual([saved]);
  });
});

describe('close matches', () => {
  it('finds typos, missing letters, accents and parts of a name, best first', () => {
    const names = ['Ann Lee', 'Anna Li', 'Bo Chen', 'Carla Díaz'];
    expect(closeMatches('ann le', names, (n) => [n])).toEqual(['Ann Lee', 'Anna Li']);
    expect(closeMatches('carla diaz', names, (n) => [n])).toEqual(['Carla Díaz']);
    expect(closeMatches('Chen', names, (n) => [n])).toEqual(['Bo Chen']);
    expect(closeMatches('zzzz', names, (n) => [n])).toEqual([]);
  });
});
