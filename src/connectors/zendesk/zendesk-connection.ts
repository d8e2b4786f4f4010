import { z } from 'zod';

export const zendeskConnectionSchema = z
  .object({
    subdomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be the Zendesk subdomain only: letters, digits and hyphens (e.g. "acme" for acme.zendesk.com)'),
    /** For regional hosts, proxies and simulators; defaults to https://{subdomain}.zendesk.com. */
    baseUrl: z.url({ message: 'must be a full URL such as https://acme.zendesk.com' }).optional(),
  })
  .strict();
export type ZendeskConnection = z.infer<typeof zendeskConnectionSchema>;

export const zendeskCredentialsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('api_token'),
      email: z.email({ message: 'must be the email address of the Zendesk admin who owns the token' }),
      token: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('oauth'),
      accessToken: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
    })
    .strict(),
]);
export type ZendeskCredentials = z.infer<typeof zendeskCredentialsSchema>;

export function zendeskBaseUrl(connection: ZendeskConnection): URL {
  return new URL(connection.baseUrl ?? `https://${connection.subdomain}.zendesk.com`);
}

export function zendeskAuthHeader(credentials: ZendeskCredentials): string {
  if (credentials.kind === 'oauth') return `Bearer ${credentials.accessToken}`;
  return `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
}
