import { describe, expect, it } from 'vitest';
import type { Directory, DirectoryItem } from './directory.js';
import { findSettingsProblems } from './settings-problems.js';

const at = '2025-03-01T00:00:00.000Z';
const item = (kind: DirectoryItem['kind'], id: string, name: string, goneAt: string | null = null): DirectoryItem => ({ kind, id, name, detail: null, firstSeenAt: at, lastSeenAt: at, goneAt });
const directory: Directory = {
  items: [item('agent', '9101', 'Ann Lee'), item('agent', '9102', 'Bo Chen', '2025-03-05T10:00:00.000Z'), item('custom_field', '360001', 'Plan'), item('custom_field', '360002', 'Region', '2025-03-08T09:00:00.000Z')],
  kinds: ['agent', 'custom_field'],
  refreshedAt: '2025-03-09T00:00:00.000Z',
  attemptedAt: '2025-03-09T00:00:00.000Z',
  error: null,
};

describe('settings problems: filters the directory shows to be stale', () => {
  it('flags a filter on a custom field the source no longer lists, in words naming the condition', () => {
    const problems = findSettingsProblems([{ field: 'tag', operator: 'contains', value: 'vip' }, { field: 'custom_field.360002', operator: 'is', value: 'emea', label: 'Region' }], directory, 'Zendesk');
    expect(problems).toEqual([
      {
        kind: 'custom_field_gone',
        conditionIndex: 1,
        id: '360002',
        since: '2025-03-08T09:00:00.000Z',
        message: 'Filter condition 2 (custom_field.Region (360002) is "emea") uses a custom field Zendesk no longer lists (gone since 2025-03-08): contacts no longer carry it, so the condition no longer filters as intended. Edit or remove it in Settings.',
      },
    ]);
  });

  it('flags a custom field never listed and agents gone or never listed; leaves listed ones alone', () => {
    const problems = findSettingsProblems(
      [
        { field: 'custom_field.999', operator: 'exists' },
        { field: 'custom_field.360001', operator: 'is', value: 'gold' },
        { field: 'agent', operator: 'is_one_of', value: ['9101', '9102', 'Ann Lee'] },
      ],
      directory,
      'Zendesk',
    );
    expect(problems.map((p) => [p.kind, p.conditionIndex, p.id])).toEqual([
      ['custom_field_unlisted', 0, '999'],
      ['agent_gone', 2, '9102'],
      ['agent_unlisted', 2, 'Ann Lee'],
    ]);
  });

  it('says nothing before the source was ever listed, or about a kind it does not list', () => {
    const filters = [{ field: 'custom_field.999', operator: 'exists' as const }];
    expect(findSettingsProblems(filters, { ...directory, refreshedAt: null }, 'Zendesk')).toEqual([]);
    expect(findSettingsProblems(filters, { ...directory, kinds: ['agent'] }, 'Zendesk')).toEqual([]);
  });
});
