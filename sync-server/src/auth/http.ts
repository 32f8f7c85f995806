/** Turning auth outcomes into HTTP: a 429 with Retry-After for a locked key, the error of a failed attempt. */
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { ApiError, ERROR_CODES } from '../errors';
import type { Guarded } from './guarded';

/** The same answer for every locked key: it must not tell whether the email exists. */
export function tooManyAttempts(c: Context<AppEnv>, retryAfterSeconds: number): ApiError {
  c.header('Retry-After', String(retryAfterSeconds));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError(429, ERROR_CODES.rateLimited, `Too many attempts. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    retryAfterSeconds,
  });
}

export function unwrap<T>(c: Context<AppEnv>, outcome: Guarded<T>): T {
  if (outcome.kind === 'locked') throw tooManyAttempts(c, outcome.retryAfterSeconds);
  if (outcome.kind === 'failed') throw outcome.error;
  return outcome.value;
}
