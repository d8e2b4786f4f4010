import type { PlatformView } from '../../../api/platforms';
import type { FilterConditionView, HistoryEntryView, IntegrationStatus } from '../../../api/types';
import { describeCondition } from '../../../filters/describe-condition';
import { STATUS_LABELS } from '../../../format/status-words';

export interface HistoryChange {
  label: string;
  before: string[] | null;
  after: string[];
}

const SETTING_LABELS: Record<string, string> = {
  startDate: 'Start date',
  statusCriteria: 'Status criteria',
  filters: 'Filters',
  intervalMinutes: 'Schedule',
  noImportAlertHours: 'No-import alert',
};

/** The connection's settings by the labels the platform gives them; a key it no longer declares as itself. */
function connectionLabels(platform: PlatformView | undefined): Record<string, string> {
  return Object.fromEntries((platform?.presentation.connectionFields ?? []).map((f) => [f.key, f.label]));
}

/** A setting's value as lines of words; filters one condition per line. */
export function settingWords(key: string, value: unknown): string[] {
  if (key === 'filters') {
    const filters = Array.isArray(value) ? (value as FilterConditionView[]) : [];
    return filters.length ? filters.map(describeCondition) : ['No filters'];
  }
  if (key === 'statusCriteria') return [Array.isArray(value) && value.length ? value.join(', ') : 'none'];
  if (key === 'intervalMinutes') return [value === 1 ? 'every minute' : `every ${String(value)} minutes`];
  if (key === 'noImportAlertHours') return [value === null || value === undefined ? 'off' : `after ${String(value)} hours without imports`];
  if (value === null || value === undefined || value === '') return ['(empty)'];
  return [typeof value === 'object' ? JSON.stringify(value) : String(value)];
}

function statusWord(value: unknown): string {
  return STATUS_LABELS[value as IntegrationStatus] ?? String(value ?? '—');
}

function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null, labels: Record<string, string>, words = settingWords): HistoryChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => ({ label: labels[key] ?? key, before: before ? words(key, before[key]) : null, after: words(key, after?.[key]) }));
}

const TITLES: Record<HistoryEntryView['kind'], string> = {
  created: 'Created the integration',
  settings: 'Changed the settings',
  name: 'Renamed the integration',
  connection: 'Changed the connection',
  credentials: 'Replaced the credentials',
  status: 'Status changed',
  pause: 'Paused the integration',
  resume: 'Resumed the integration',
  reconnect: 'Reconnected',
};

/** A history entry in words: a title, what changed (before → after), and its note. */
export function describeEntry(entry: HistoryEntryView, platform?: PlatformView): { title: string; changes: HistoryChange[]; note: string | null } {
  const title = TITLES[entry.kind];
  switch (entry.kind) {
    case 'created': {
      const settings = (entry.after?.settings ?? {}) as Record<string, unknown>;
      return { title, changes: diff(null, settings, SETTING_LABELS), note: entry.after?.credentials === 'set' ? 'Credentials set (never shown).' : null };
    }
    case 'settings':
      return { title, changes: diff(entry.before, entry.after, SETTING_LABELS), note: entry.note };
    case 'name':
      return { title, changes: [{ label: 'Name', before: [String(entry.before?.name ?? '')], after: [String(entry.after?.name ?? '')] }], note: entry.note };
    case 'connection':
      return { title, changes: diff(entry.before, entry.after, connectionLabels(platform), (_k, v) => [v === undefined || v === null || v === '' ? '(default)' : String(v)]), note: entry.note };
    case 'credentials':
      return { title, changes: [], note: 'The credentials were replaced. Their values are never recorded or shown.' };
    case 'status':
    case 'reconnect':
      return {
        title,
        changes: entry.before?.status !== undefined || entry.after?.status !== undefined ? [{ label: 'Status', before: [statusWord(entry.before?.status)], after: [statusWord(entry.after?.status)] }] : [],
        note: entry.note,
      };
    case 'pause':
    case 'resume':
      return { title, changes: [], note: entry.note };
  }
}
