import type { IntegrationView } from '../../../api/types';
import { describeCondition } from '../../../filters/describe-condition';

export interface Change {
  label: string;
  before: string;
  after: string;
}

type Described = Record<string, { label: string; value: string }>;

function describe(integration: Pick<IntegrationView, 'name' | 'settings'>): Described {
  const s = integration.settings;
  return {
    name: { label: 'Name', value: integration.name },
    startDate: { label: 'Start date', value: s.startDate },
    statusCriteria: { label: 'Status criteria', value: s.statusCriteria.join(', ') },
    intervalMinutes: { label: 'Schedule', value: `every ${s.intervalMinutes} min` },
    noImportAlertHours: { label: 'No-import alert', value: s.noImportAlertHours === null ? 'off' : `after ${s.noImportAlertHours} h` },
    filters: { label: 'Filters', value: s.filters.length ? s.filters.map(describeCondition).join('; ') : 'none' },
  };
}

/** What a save changed, before → after, in the words of the form. */
export function settingsChanges(before: Pick<IntegrationView, 'name' | 'settings'>, after: Pick<IntegrationView, 'name' | 'settings'>): Change[] {
  const a = describe(before);
  const b = describe(after);
  return Object.keys(a)
    .filter((key) => a[key]!.value !== b[key]!.value)
    .map((key) => ({ label: a[key]!.label, before: a[key]!.value, after: b[key]!.value }));
}
