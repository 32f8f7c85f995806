/**
 * The one way the app talks to the server. Every failure becomes an `HttpError` with a code and a
 * message fit for people; "offline" is a failure like any other, never an exception that escapes.
 */
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '@vitals/shared';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.code === 'offline';
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** Called on every 401 that means "this device's session ended", so the app can ask to sign in again. */
let onSessionEnded: ((code: string) => void) | null = null;
export function whenSessionEnds(listener: (code: string) => void): void {
  onSessionEnded = listener;
}

export const OFFLINE_MESSAGE = 'No connection to the server. Your changes are kept on this device.';

export function offlineError(): HttpError {
  return new HttpError(0, 'offline', OFFLINE_MESSAGE);
}

/**
 * Sends a request and resolves with the response, whatever its status; a network failure is an
 * `HttpError('offline')`. `accept` lets a streaming call ask for `text/event-stream`.
 */
export async function send(path: string, options: RequestOptions = {}, accept = 'application/json'): Promise<Response> {
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept,
        [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw offlineError();
  }
}

/** The `HttpError` for a response that is not ok (raising "sign in again" when the session ended). */
export async function failure(response: Response): Promise<HttpError> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    // A body cut off by a dropped connection, or not JSON: the status still says what happened.
    body = null;
  }
  return errorFromBody(response.status, body);
}

function errorFromBody(status: number, body: unknown): HttpError {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown; issues?: unknown } } | null)?.error;
  return httpError(status, error?.code ?? `http-${status}`, error?.message ?? `The server answered ${status}.`, error?.details ?? error?.issues);
}

/**
 * The error for a refused request, raising "sign in again" when the session ended. Also rebuilds an
 * HttpError that crossed from a worker (which has no session listener of its own).
 */
export function httpError(status: number, code: string, message: string, details?: unknown): HttpError {
  if (status === 401 && (code === 'session-expired' || code === 'unauthenticated')) onSessionEnded?.(code);
  return new HttpError(status, code, message, details);
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithText<T>(path, options)).body;
}

/** `request`, also answering the response's text (for a worker to hand the page as it came, cheaper than a copy). */
export async function requestWithText<T>(path: string, options: RequestOptions = {}): Promise<{ body: T; text: string }> {
  const response = await send(path, options);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // The connection dropped while the body was arriving.
    throw offlineError();
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return { body: body as T, text };
}
