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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new HttpError(0, 'offline', 'No connection to the server. Your changes are kept on this device.');
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown; issues?: unknown } } | null)?.error;
    const code = error?.code ?? `http-${response.status}`;
    if (response.status === 401 && (code === 'session-expired' || code === 'unauthenticated')) onSessionEnded?.(code);
    throw new HttpError(response.status, code, error?.message ?? `The server answered ${response.status}.`, error?.details ?? error?.issues);
  }
  return body as T;
}
