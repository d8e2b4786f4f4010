import { z } from 'zod';
import { instantInputSchema } from '../../core/date-input.js';

/** Every error the API answers with. `details` names each bad field and what is allowed. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_input, not_found, feature_disabled'),
      message: z.string().describe('What went wrong and what to do, in words'),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string().optional().describe('Quote it to support: it is in the server log'),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The error codes clients can rely on. */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'invalid_link'
  | 'csrf_failed'
  | 'forbidden'
  | 'feature_disabled'
  | 'not_found'
  | 'route_not_found'
  | 'conflict'
  | 'already_running'
  | 'credentials_rejected'
  | 'wrong_source_account'
  | 'rate_limited'
  | 'source_reference_not_found'
  | 'database_busy'
  | 'database_unavailable'
  | 'database_read_only'
  | 'disk_full'
  | 'internal';

export const idParamSchema = z.object({ id: z.string().min(1).max(100, 'must be at most 100 characters') }).strict();

export const isoTimestamp = z.string().describe('ISO-8601 UTC timestamp');

/** An ISO-8601 date or date-time given by a client, validated and normalised. */
export const isoInstantInput = instantInputSchema;
