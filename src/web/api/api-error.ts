import type { ErrorCode, ErrorResponse, FieldProblemView } from './types';

/** What the web client says on its own: the API could not be reached, or answered something else than the contract. */
export type ClientErrorCode = 'network' | 'unexpected_answer';

type ErrorBody = Omit<ErrorResponse['error'], 'code'> & { code: ErrorCode | ClientErrorCode };

/**
 * An error answer of the API (`{"error": {code, message, details, requestId}}`), or a failure to
 * reach it at all (code `network`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly details: FieldProblemView[];
  readonly requestId: string | null;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? [];
    this.requestId = body.requestId ?? null;
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, {
      code: 'network',
      message: 'Intake could not be reached. Check that the service is running and that you are online, then try again.',
      details: [],
    });
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

export function isApiError(error: unknown, code?: ErrorCode | ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
