import { z } from 'zod';

/** How far back each run re-reads calls by default: calls change after they are created (see docs/platforms/aircall.md). */
export const DEFAULT_LOOKBACK_HOURS = 24;
/** At most 30 days: Airbyte's Aircall streams look back 31 days, and every hour more is re-read on every run. */
export const MAX_LOOKBACK_HOURS = 720;

const COMPANY_MESSAGE = 'must be a short name for the Aircall company: lower-case letters, digits and hyphens (e.g. "acme")';

export const aircallConnectionSchema = z
  .object({
    /**
     * Names the Aircall company in Intake (the source account). Aircall's API gives no company id,
     * so when it is left out it is made from the company's name as Aircall answers it (bindAccount).
     */
    company: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, COMPANY_MESSAGE).optional(),
    /** Each run re-reads the calls created this many hours before where the last run ended. */
    lookbackHours: z.coerce
      .number<number | string>({ message: `must be a whole number of hours from 1 to ${MAX_LOOKBACK_HOURS}` })
      .int(`must be a whole number of hours from 1 to ${MAX_LOOKBACK_HOURS}`)
      .min(1, `must be at least 1 hour: calls change after they are created (answered, ended, tagged, commented), and only a re-read sees it`)
      .max(MAX_LOOKBACK_HOURS, `must be at most ${MAX_LOOKBACK_HOURS} hours (30 days): every hour is re-read on every run`)
      .default(DEFAULT_LOOKBACK_HOURS),
    /** For proxies and simulators; defaults to https://api.aircall.io. */
    baseUrl: z.url({ message: 'must be a full URL such as https://api.aircall.io' }).optional(),
  })
  .strict();
export type AircallConnection = z.infer<typeof aircallConnectionSchema>;

// A colon would end the Basic-auth user name early, so it cannot be part of a working API ID.
export const aircallCredentialsSchema = z
  .object({
    apiId: z
      .string({ message: 'is required: the API ID of an Aircall API key' })
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .regex(/^[^\s:]*$/, 'must be the API ID alone, without spaces or colons (Integrations & API › API Keys in the Aircall Dashboard)'),
    apiToken: z
      .string({ message: 'is required: the API token shown once when the API key was created' })
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .regex(/^\S*$/, 'must be the API token alone, without spaces'),
  })
  .strict();
export type AircallCredentials = z.infer<typeof aircallCredentialsSchema>;

export const AIRCALL_HOST = 'api.aircall.io';

export function aircallBaseUrl(connection: AircallConnection): URL {
  return new URL(connection.baseUrl ?? `https://${AIRCALL_HOST}`);
}

/** Basic auth with the API ID as the user name and the API token as the password. */
export function aircallAuthHeader(credentials: AircallCredentials): string {
  return `Basic ${Buffer.from(`${credentials.apiId}:${credentials.apiToken}`).toString('base64')}`;
}

/** A company name as Aircall answers it ("Acme Inc.") → the account name Intake keys calls by ("acme-inc"). */
export function companyAccountName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || 'aircall';
}
