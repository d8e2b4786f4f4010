import { z } from 'zod';

/** Where a workspace's data lives decides the API host; a token only works on its own region's host. */
export const INTERCOM_REGIONS = ['us', 'eu', 'au'] as const;
export type IntercomRegion = (typeof INTERCOM_REGIONS)[number];

export const INTERCOM_REGION_HOSTS: Record<IntercomRegion, string> = {
  us: 'api.intercom.io',
  eu: 'api.eu.intercom.io',
  au: 'api.au.intercom.io',
};

const REGION_MESSAGE = 'must be us, eu or au: the region where the Intercom workspace is hosted (its API host api.intercom.io, api.eu.intercom.io or api.au.intercom.io)';

export const intercomConnectionSchema = z
  .object({
    region: z
      .string({ message: REGION_MESSAGE })
      .trim()
      .toLowerCase()
      .pipe(z.enum(INTERCOM_REGIONS, { message: REGION_MESSAGE })),
    /**
     * The workspace (app) id the access token belongs to — the source account. Left out when the
     * integration is added, it is filled in from the token's own answer (see bindAccount).
     */
    workspaceId: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,64}$/i, 'must be the Intercom workspace id: letters, digits, "_" and "-" (it appears in the address app.intercom.com/a/apps/<workspace id>)')
      .optional(),
    /** For proxies and simulators; defaults to the region's API host. */
    baseUrl: z.url({ message: 'must be a full URL such as https://api.eu.intercom.io' }).optional(),
  })
  .strict();
export type IntercomConnection = z.infer<typeof intercomConnectionSchema>;

/** An access token of a private app or an OAuth install: both are sent as a Bearer token. */
export const intercomCredentialsSchema = z
  .object({
    accessToken: z.string({ message: 'is required: the access token of your Intercom app' }).trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  })
  .strict();
export type IntercomCredentials = z.infer<typeof intercomCredentialsSchema>;

export function intercomBaseUrl(connection: IntercomConnection): URL {
  return new URL(connection.baseUrl ?? `https://${INTERCOM_REGION_HOSTS[connection.region]}`);
}
