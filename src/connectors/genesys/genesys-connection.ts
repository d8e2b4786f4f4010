import { z } from 'zod';

/**
 * Genesys Cloud's documented regions, by the name its docs use, and the domain each is served
 * from: the API at api.<domain>, OAuth at login.<domain>. A client only exists in its own region.
 */
export const GENESYS_REGION_DOMAINS = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'me-central-1': 'mec1.pure.cloud',
} as const;
export type GenesysRegion = keyof typeof GENESYS_REGION_DOMAINS;
export const GENESYS_REGIONS = Object.keys(GENESYS_REGION_DOMAINS) as GenesysRegion[];

const REGION_MESSAGE = `must be one of Genesys Cloud's regions: ${GENESYS_REGIONS.join(', ')} (the region of your organization, shown in Admin › Organization Settings; e.g. us-east-1 for mypurecloud.com)`;

/** Days the scheduled read re-queries behind now: conversations are selected by start, and finish later. */
export const DEFAULT_REQUERY_DAYS = 2;
export const MAX_REQUERY_DAYS = 31;

export const genesysConnectionSchema = z
  .object({
    region: z
      .string({ message: REGION_MESSAGE })
      .trim()
      .toLowerCase()
      .pipe(z.enum(GENESYS_REGIONS as [GenesysRegion, ...GenesysRegion[]], { message: REGION_MESSAGE })),
    /** The organization the OAuth client belongs to — the source account; filled in from the client's own answer. */
    organizationId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be the Genesys Cloud organization id (a UUID, Admin › Organization Settings)')
      .optional(),
    /** How many days behind now each scheduled run reads again, for conversations that ended since. */
    requeryDays: z.coerce
      .number({ message: `must be a whole number of days from 1 to ${MAX_REQUERY_DAYS}` })
      .int(`must be a whole number of days from 1 to ${MAX_REQUERY_DAYS}`)
      .min(1, `must be at least 1 day: conversations started yesterday may have ended since`)
      .max(MAX_REQUERY_DAYS, `must be at most ${MAX_REQUERY_DAYS} days; use a backfill for older conversations`)
      .optional(),
    /** For proxies and simulators: one host answering both the API and /oauth/token. */
    baseUrl: z.url({ message: 'must be a full URL such as https://api.mypurecloud.ie' }).optional(),
  })
  .strict();
export type GenesysConnection = z.infer<typeof genesysConnectionSchema>;

/** An OAuth client with the Client Credentials grant. */
export const genesysCredentialsSchema = z
  .object({
    clientId: z.string({ message: 'is required: the client id of a Genesys Cloud OAuth client (Client Credentials grant)' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    clientSecret: z.string({ message: 'is required: the client secret of that OAuth client' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  })
  .strict();
export type GenesysCredentials = z.infer<typeof genesysCredentialsSchema>;

export function genesysApiBaseUrl(connection: GenesysConnection): URL {
  return new URL(connection.baseUrl ?? `https://api.${GENESYS_REGION_DOMAINS[connection.region]}`);
}

/** Where tokens come from: the region's login host (or the base URL's host, for a simulator). */
export function genesysLoginBaseUrl(connection: GenesysConnection): URL {
  return new URL(connection.baseUrl ?? `https://login.${GENESYS_REGION_DOMAINS[connection.region]}`);
}
