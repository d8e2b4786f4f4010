import type { z } from 'zod';
import type { settingsInputSchema } from '../api/contract/integrations.js';
import { defaultStartDate, integrationSettingsSchema, type IntegrationSettings } from '../core/integration-settings.js';
import { zodProblems, type FieldProblem } from './service-errors.js';

/** Settings as the contract's schema read them: every field optional. */
type ParsedSettingsInput = z.infer<typeof settingsInputSchema>;

/** Full settings from what the caller gave, defaults applied; problems are prefixed `settings.`. */
export function completeSettings(input: ParsedSettingsInput, now: Date, current?: IntegrationSettings): IntegrationSettings | FieldProblem[] {
  const merged = { startDate: defaultStartDate(now), ...current, ...stripUndefined(input) };
  const parsed = integrationSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : zodProblems(parsed.error.issues, 'settings');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
