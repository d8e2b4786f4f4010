import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { InvalidCredentialsError, InvalidLinkError, PermissionEscalationError, TooManyAttemptsError } from '../accounts/account-errors.js';
import { SourceError } from '../core/source-error.js';
import { StoreUnavailableError } from '../core/store-unavailable-error.js';
import { CredentialDecryptError } from '../security/credential-cipher.js';
import { SingleImportFailedError, SourceReferenceNotFoundError } from '../services/import-one.js';
import {
  AlreadyRunningError,
  ConflictError,
  CredentialsRejectedError,
  FeatureDisabledError,
  NotFoundError,
  ValidationError,
  WrongSourceAccountError,
  type FieldProblem,
} from '../services/service-errors.js';
import { ApiError } from './api-error.js';
import type { ErrorCode } from './contract/common.js';

interface Mapped {
  status: number;
  code: ErrorCode;
  message: string;
  details: FieldProblem[];
  headers?: Record<string, string>;
  /** Someone must act (free disk space, fix permissions): logged as an error, not a warning. */
  needsOperator?: boolean;
}

/** The one table from error to HTTP answer. Anything not in it is a 500, logged with its cause. */
export function mapError(error: unknown): Mapped | null {
  if (error instanceof ApiError) return { status: error.statusCode, code: error.code, message: error.message, details: [] };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const details = error.validation.map((v) => ({
      path: [where === 'body' ? '' : where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.') || where,
      message: v.message ?? 'is invalid',
    }));
    return { status: 400, code: 'invalid_input', message: `The request is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details };
  }
  if (error instanceof ValidationError) return { status: 400, code: 'invalid_input', message: error.message, details: error.details };
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message, details: [] };
  if (error instanceof ConflictError) return { status: 409, code: 'conflict', message: error.message, details: error.details };
  if (error instanceof AlreadyRunningError) return { status: 409, code: 'already_running', message: error.message, details: [] };
  if (error instanceof FeatureDisabledError) return { status: 403, code: 'feature_disabled', message: error.message, details: [] };
  if (error instanceof CredentialsRejectedError) {
    return { status: 422, code: 'credentials_rejected', message: error.message, details: [{ path: 'credentials', message: error.message }] };
  }
  if (error instanceof WrongSourceAccountError) {
    return { status: 422, code: 'wrong_source_account', message: error.message, details: [{ path: 'credentials', message: error.message }] };
  }
  if (error instanceof InvalidCredentialsError) return { status: 401, code: 'invalid_credentials', message: error.message, details: [] };
  if (error instanceof TooManyAttemptsError) {
    return { status: 429, code: 'too_many_attempts', message: error.message, details: [], headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (error instanceof PermissionEscalationError) return { status: 403, code: 'forbidden', message: error.message, details: error.details };
  if (error instanceof InvalidLinkError) return { status: 400, code: 'invalid_link', message: error.message, details: [] };
  if (error instanceof CredentialDecryptError) return { status: 409, code: 'conflict', message: error.message, details: [] };
  if (error instanceof SourceReferenceNotFoundError) return { status: 404, code: 'source_reference_not_found', message: error.message, details: [{ path: 'sourceRef', message: error.message }] };
  if (error instanceof SingleImportFailedError) {
    return { status: 502, code: `source_${error.sourceError.category}`, message: error.message, details: [{ path: 'runId', message: `recorded as run ${error.run.id}` }] };
  }
  if (error instanceof SourceError) return { status: 502, code: `source_${error.category}`, message: error.message, details: [] };
  if (error instanceof StoreUnavailableError) {
    // Busy or unreachable: asking again helps (Retry-After). A full disk is 507 Insufficient Storage.
    return {
      status: error.problem === 'disk_full' ? 507 : 503,
      code: error.code,
      message: error.message,
      details: [],
      ...(error.retryAfterSeconds === null ? { needsOperator: true } : { headers: { 'retry-after': String(error.retryAfterSeconds) } }),
    };
  }
  const fastify = error as FastifyError;
  switch (fastify.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.', details: [{ path: 'body', message: 'is not valid JSON' }] };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'invalid_json', message: 'The request body is empty; send a JSON object.', details: [{ path: 'body', message: 'is empty' }] };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'body_too_large', message: 'The request body is larger than 1 MB.', details: [{ path: 'body', message: 'is too large' }] };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.', details: [{ path: 'content-type', message: 'must be application/json' }] };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'invalid_input', message: 'The Content-Length header does not match the body.', details: [{ path: 'content-length', message: 'does not match the body' }] };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, code: 'invalid_input', message: 'A path parameter is far longer than any id Intake issues.', details: [{ path: 'id', message: 'is too long' }] };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'invalid_input', message: 'The URL is malformed (bad percent-encoding).', details: [{ path: 'url', message: 'is malformed' }] };
    case 'FST_ERR_VALIDATION':
      return { status: 400, code: 'invalid_input', message: fastify.message, details: [{ path: fastify.validationContext ?? 'request', message: fastify.message }] };
  }
  if (fastify.statusCode === 429) {
    return { status: 429, code: 'rate_limited', message: 'Too many requests from this address; wait a minute and try again.', details: [] };
  }
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return { status: fastify.statusCode, code: 'invalid_input', message: fastify.message, details: [] };
  }
  return null;
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = mapError(error);
  if (!mapped) {
    request.log.error({ err: error, responseValidation: isResponseSerializationError(error) }, 'unexpected error answering a request');
    return reply.status(500).send({
      error: { code: 'internal', message: `Intake failed to answer this request. It was logged; quote request id ${request.id} to support.`, details: [], requestId: request.id },
    });
  }
  // The error's cause is the driver's or the source's own error: the log carries it.
  if (mapped.status >= 500) request.log[mapped.needsOperator ? 'error' : 'warn']({ err: error }, mapped.message);
  if (mapped.headers) void reply.headers(mapped.headers);
  return reply.status(mapped.status).send({ error: { code: mapped.code, message: mapped.message, details: mapped.details, requestId: request.id } });
}
