/**
 * The one error shape of the API: `{ error: { code, message } }`. Handlers throw `ApiError`; anything
 * else is a bug, logged with its stack and answered as a plain 500 without internals.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ERROR_CODES = {
  badRequest: 'bad-request',
  invalidInput: 'invalid-input',
  unauthenticated: 'unauthenticated',
  sessionExpired: 'session-expired',
  mfaRequired: 'mfa-required',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  badOrigin: 'bad-origin',
  rateLimited: 'rate-limited',
  payloadTooLarge: 'payload-too-large',
  protocolOutdated: 'protocol-outdated',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Not found, for a resource that does not exist *or* belongs to another tenant: the answer must not tell which. */
export function notFound(what = 'That'): ApiError {
  return new ApiError(404, ERROR_CODES.notFound, `${what} was not found.`);
}
