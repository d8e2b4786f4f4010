import { z } from 'zod';
import { defaultStartDate, integrationSettingsSchema, type IntegrationSettings } from '../core/integration-settings.js';
import { zodProblems, type FieldProblem } from './service-errors.js';

export const integrationNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\u0000-\u001f]*$/, 'must not contain control characters');

/** Settings as a caller may send them: every field optional, defaults filled in. */
export const settingsInputSchema = integrationSettingsSchema.partial().strict();
export type SettingsInput = z.infer<typeof settingsInputSchema>;

export const newIntegrationInputSchema = z
  .object({
    platform: z.string().trim().min(1, 'must name a platform, e.g. zendesk'),
    name: integrationNameSchema,
    connection: z.record(z.string(), z.unknown()).default({}),
    credentials: z.record(z.string(), z.unknown()).optional(),
    settings: settingsInputSchema.default({}),
  })
  .strict();
export type NewIntegrationInput = z.input<typeof newIntegrationInputSchema>;

/** Full settings from what the caller gave, defaults applied; problems are prefixed `settings.`. */
export function completeSettings(input: SettingsInput, now: Date, current?: IntegrationSettings): IntegrationSettings | FieldProblem[] {
  const merged = { startDate: defaultStartDate(now), ...current, ...stripUndefined(input) };
  const parsed = integrationSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : zodProblems(parsed.error.issues, 'settings');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
