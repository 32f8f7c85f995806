/** Requests through `app.request()` as the app's own pages make them: same origin, a cookie header, JSON bodies. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context';
import { TEST_ORIGIN } from './app';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
  /** The session cookie this answer set, or undefined when it set none. */
  cookie: string | undefined;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  /** More request headers (e.g. a device's user-agent). */
  headers?: Record<string, string>;
}

export function caller(app: Hono<AppEnv>) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookie = res.headers.getSetCookie().find((h) => h.startsWith('vitals_session='));
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      text,
      cookie: setCookie?.slice(0, setCookie.indexOf(';')),
    };
  };
}
