import type { SettingsView } from '../../../api/types';
import { fromCondition, toCondition, type FilterDraft } from '../../../filters/filter-model';

export const STATUS_CHOICES = ['open', 'pending', 'solved', 'closed'] as const;

/** An integration's settings as its form edits them (numbers as typed). */
export interface SettingsDraft {
  startDate: string;
  statusCriteria: string[];
  intervalMinutes: string;
  noImportAlertHours: string;
  filters: FilterDraft[];
}

export function defaultStartDate(now = new Date()): string {
  return new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
}

export function newSettingsDraft(): SettingsDraft {
  return { startDate: defaultStartDate(), statusCriteria: ['solved', 'closed'], intervalMinutes: '15', noImportAlertHours: '24', filters: [] };
}

export function draftFromSettings(settings: SettingsView): SettingsDraft {
  return {
    startDate: settings.startDate,
    statusCriteria: [...settings.statusCriteria],
    intervalMinutes: String(settings.intervalMinutes),
    noImportAlertHours: settings.noImportAlertHours === null ? '' : String(settings.noImportAlertHours),
    filters: settings.filters.map(fromCondition),
  };
}

/** A number field as the API expects it; what is not a number is sent as typed so the API names the problem. */
function numberOrRaw(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

export function settingsFromDraft(draft: SettingsDraft): Record<string, unknown> {
  return {
    startDate: draft.startDate,
    statusCriteria: STATUS_CHOICES.filter((s) => draft.statusCriteria.includes(s)),
    intervalMinutes: numberOrRaw(draft.intervalMinutes),
    noImportAlertHours: draft.noImportAlertHours.trim() === '' ? null : numberOrRaw(draft.noImportAlertHours),
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
