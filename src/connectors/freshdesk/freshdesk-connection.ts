import { z } from 'zod';

export const freshdeskConnectionSchema = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be the Freshdesk domain only: letters, digits and hyphens (e.g. "acme" for acme.freshdesk.com)'),
    /** For proxies and simulators; defaults to https://{domain}.freshdesk.com. */
    baseUrl: z.url({ message: 'must be a full URL such as https://acme.freshdesk.com' }).optional(),
  })
  .strict();
export type FreshdeskConnection = z.infer<typeof freshdeskConnectionSchema>;

export const freshdeskCredentialsSchema = z
  .object({
    // A colon would end the Basic-auth user name early, so it cannot be part of a working key.
    apiKey: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .regex(/^[^\s:]+$/, 'must be the API key alone, without spaces or colons (Profile settings › View API key in Freshdesk)'),
  })
  .strict();
export type FreshdeskCredentials = z.infer<typeof freshdeskCredentialsSchema>;

export function freshdeskBaseUrl(connection: FreshdeskConnection): URL {
  return new URL(connection.baseUrl ?? `https://${connection.domain}.freshdesk.com`);
}

/** Freshdesk takes the API key as the Basic-auth user name; the password is ignored, `X` by convention. */
export function freshdeskAuthHeader(credentials: FreshdeskCredentials): string {
  return `Basic ${Buffer.from(`${credentials.apiKey}:X`).toString('base64')}`;
}
