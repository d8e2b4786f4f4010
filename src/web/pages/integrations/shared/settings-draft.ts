import type { SettingsInput, SettingsView } from '../../../api/types';
import { fromCondition, toCondition, type FilterDraft } from '../../../filters/filter-model';

export const STATUS_CHOICES = ['open', 'pending', 'solved', 'closed'] as const;

/** An integration's settings as its form edits them (numbers as typed). */
export interface SettingsDraft {
  startDate: string;
  statusCriteria: string[];
  intervalMinutes: string;
  /** The no-import alert is on; the hours are kept while it is off, to turn it back on. */
  noImportAlert: boolean;
  noImportAlertHours: string;
  filters: FilterDraft[];
}

export function defaultStartDate(now = new Date()): string {
  return new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
}

export function newSettingsDraft(): SettingsDraft {
  return { startDate: defaultStartDate(), statusCriteria: ['solved', 'closed'], intervalMinutes: '15', noImportAlert: true, noImportAlertHours: '24', filters: [] };
}

export function draftFromSettings(settings: SettingsView): SettingsDraft {
  return {
    startDate: settings.startDate,
    statusCriteria: [...settings.statusCriteria],
    intervalMinutes: String(settings.intervalMinutes),
    noImportAlert: settings.noImportAlertHours !== null,
    noImportAlertHours: settings.noImportAlertHours === null ? '24' : String(settings.noImportAlertHours),
    filters: settings.filters.map(fromCondition),
  };
}

/**
 * A number field as the API expects it. What is not a number is sent as typed, so the API names
 * the problem beside the field: typed as the contract's number, which is what the API accepts.
 */
function numberOrRaw(text: string): number {
  const trimmed = text.trim();
  return (trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed) as number;
}

/** The settings as the API reads them (the contract's field names). */
export function settingsFromDraft(draft: SettingsDraft): SettingsInput {
  return {
    startDate: draft.startDate,
    statusCriteria: STATUS_CHOICES.filter((s) => draft.statusCriteria.includes(s)),
    intervalMinutes: numberOrRaw(draft.intervalMinutes),
    noImportAlertHours: draft.noImportAlert ? numberOrRaw(draft.noImportAlertHours) : null,
    filters: draft.filters.map(toCondition),
  };
}

/** The paths SettingsFields shows beside its controls. */
export const SETTINGS_PATHS = [
  'settings.startDate',
  'settings.statusCriteria',
  'settings.statusCriteria.',
  'settings.intervalMinutes',
  'settings.noImportAlertHours',
  'settings.filters',
  'settings.filters.',
];
