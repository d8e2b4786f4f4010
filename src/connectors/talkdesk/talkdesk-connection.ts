import { z } from 'zod';

/** Talkdesk's US gateway; the token host is the account's own (<account>.talkdeskid.com). */
export const TALKDESK_API_HOST = 'api.talkdeskapp.com';
export const TALKDESK_ID_DOMAIN = 'talkdeskid.com';

export const talkdeskConnectionSchema = z
  .object({
    /** The account name: the part before .talkdeskid.com in the account's login address. */
    account: z
      .string({ message: 'is required: your Talkdesk account name, "acme" for acme.talkdeskid.com' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be the Talkdesk account name: letters, digits and "-", e.g. "acme" for acme.talkdeskid.com'),
    /** For proxies and simulators: serves both /oauth/token and the API; defaults to the official hosts. */
    baseUrl: z.url({ message: 'must be a full URL such as https://api.talkdeskapp.com' }).optional(),
  })
  .strict();
export type TalkdeskConnection = z.infer<typeof talkdeskConnectionSchema>;

/** An OAuth client (Admin › API › OAuth clients) with the client-credentials grant. */
export const talkdeskCredentialsSchema = z
  .object({
    clientId: z.string({ message: 'is required: the OAuth client id Talkdesk showed when the client was created' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    clientSecret: z.string({ message: 'is required: the OAuth client secret Talkdesk showed once, when the client was created' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  })
  .strict();
export type TalkdeskCredentials = z.infer<typeof talkdeskCredentialsSchema>;

export function talkdeskApiBase(connection: TalkdeskConnection): URL {
  return new URL(connection.baseUrl ?? `https://${TALKDESK_API_HOST}`);
}

export function talkdeskTokenUrl(connection: TalkdeskConnection): URL {
  return connection.baseUrl ? new URL('/oauth/token', connection.baseUrl) : new URL(`https://${connection.account}.${TALKDESK_ID_DOMAIN}/oauth/token`);
}
