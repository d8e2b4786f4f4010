import type { IntegrationView } from '../../../api/types';
import { describeWith } from '../../../filters/describe-condition';
import type { DirectoryNames } from '../../../filters/directory-names';

export interface Change {
  label: string;
  before: string;
  after: string;
}

type Described = Record<string, { label: string; value: string }>;

function describe(integration: Pick<IntegrationView, 'name' | 'settings'>, names?: DirectoryNames): Described {
  const s = integration.settings;
  return {
    name: { label: 'Name', value: integration.name },
    startDate: { label: 'Start date', value: s.startDate },
    statusCriteria: { label: 'Status criteria', value: s.statusCriteria.join(', ') },
    intervalMinutes: { label: 'Schedule', value: `every ${s.intervalMinutes} min` },
    noImportAlertHours: { label: 'No-import alert', value: s.noImportAlertHours === null ? 'off' : `after ${s.noImportAlertHours} h` },
    filters: { label: 'Filters', value: s.filters.length ? s.filters.map(describeWith(names)).join('; ') : 'none' },
  };
}

/** What a save changed, before → after, in the words of the form. */
export function settingsChanges(before: Pick<IntegrationView, 'name' | 'settings'>, after: Pick<IntegrationView, 'name' | 'settings'>, names?: DirectoryNames): Change[] {
  const a = describe(before, names);
  const b = describe(after, names);
  return Object.keys(a)
    .filter((key) => a[key]!.value !== b[key]!.value)
    .map((key) => ({ label: a[key]!.label, before: a[key]!.value, after: b[key]!.value }));
}
