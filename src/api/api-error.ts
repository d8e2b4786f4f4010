import type { ErrorCode } from './contract/common.js';

/** An error raised by the API layer itself (authentication, access), with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
