import { z } from 'zod';
import { filterConditionSchema } from './filter-condition.js';

/** Statuses an admin can choose as eligible. `deleted` is never eligible. */
export const ELIGIBLE_STATUS_CHOICES = ['open', 'pending', 'solved', 'closed'] as const;
export type EligibleStatus = (typeof ELIGIBLE_STATUS_CHOICES)[number];

export const DEFAULT_STATUS_CRITERIA: EligibleStatus[] = ['solved', 'closed'];
export const DEFAULT_INTERVAL_MINUTES = 15;
export const DEFAULT_NO_IMPORT_ALERT_HOURS = 24;
/** Without a start date, history is read back this far, so a first run is never unbounded. */
export const DEFAULT_LOOKBACK_DAYS = 30;

const isoDate = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'must be a real calendar date written YYYY-MM-DD',
  });

export const integrationSettingsSchema = z
  .object({
    /** Contacts created before this day (UTC) are not imported. */
    startDate: isoDate,
    statusCriteria: z
      .array(z.enum(ELIGIBLE_STATUS_CHOICES))
      .min(1, `needs at least one of ${ELIGIBLE_STATUS_CHOICES.join(', ')}`)
      .max(ELIGIBLE_STATUS_CHOICES.length)
      .default(DEFAULT_STATUS_CRITERIA),
    filters: z.array(filterConditionSchema).max(50, 'at most 50 conditions').default([]),
    intervalMinutes: z
      .number()
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(1440, 'must be at most 1440 minutes (one day)')
      .default(DEFAULT_INTERVAL_MINUTES),
    /** Open an alert when nothing was imported for this many hours; null turns it off. */
    noImportAlertHours: z
      .number()
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1 hour')
      .max(720, 'must be at most 720 hours (30 days)')
      .nullable()
      .default(DEFAULT_NO_IMPORT_ALERT_HOURS),
  })
  .strict();

/** Reads stored settings, filling in fields added since they were saved. */
export function storedSettings(value: unknown): IntegrationSettings {
  const parsed = integrationSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : ({ ...(value as object) } as IntegrationSettings);
}

export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>;

/** The start date a new integration gets when the admin gives none. */
export function defaultStartDate(now: Date): string {
  return new Date(now.getTime() - DEFAULT_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
}

export function startOfStartDate(settings: Pick<IntegrationSettings, 'startDate'>): Date {
  return new Date(`${settings.startDate}T00:00:00.000Z`);
}
