import { z } from 'zod';
import { instantInputSchema } from '../../core/date-input.js';
import { ERROR_CATEGORIES, type ErrorCategory } from '../../core/source-error.js';

/**
 * The error codes clients can rely on: the error table answers with these and no others, and the
 * web UI compares against these (a misspelt code does not compile on either side).
 */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'body_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'invalid_link',
  'csrf_failed',
  'forbidden',
  'feature_disabled',
  'not_found',
  'route_not_found',
  'conflict',
  'already_running',
  'credentials_rejected',
  'wrong_source_account',
  'rate_limited',
  'source_reference_not_found',
  'database_busy',
  'database_unavailable',
  'database_read_only',
  'disk_full',
  'internal',
] as const;

/** A source's own failure passed on as it was classified (a manual import that the source refused). */
export type SourceErrorCode = `source_${ErrorCategory}`;
export type ErrorCode = (typeof ERROR_CODES)[number] | SourceErrorCode;

const SOURCE_ERROR_CODES = ERROR_CATEGORIES.map((category): SourceErrorCode => `source_${category}`);

/** Every error the API answers with. `details` names each bad field and what is allowed. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum([...ERROR_CODES, ...SOURCE_ERROR_CODES]).describe('Stable machine-readable code'),
      message: z.string().describe('What went wrong and what to do, in words'),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      requestId: z.string().optional().describe('Quote it to support: it is in the server log'),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type FieldProblemView = ErrorResponse['error']['details'][number];

/** The body of a 204 answer. */
export const noContentView = z.null();

export const idParamSchema = z.object({ id: z.string().min(1).max(100, 'must be at most 100 characters') }).strict();

export const isoTimestamp = z.string().describe('ISO-8601 UTC timestamp');

/** An ISO-8601 date or date-time given by a client, validated and normalised. */
export const isoInstantInput = instantInputSchema;
