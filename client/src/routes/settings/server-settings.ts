/**
 * Settings kept on the server (notification preferences, webhooks) rather than in the device database: they
 * need the network, so these helpers say so plainly when it is missing, load again when it returns, and turn
 * the server's validation details into problems tied to form fields.
 */
import { createResource, createSignal, on, createEffect, type Accessor } from 'solid-js';
import { HttpError } from '../../api/http';
import { syncStatus } from '../../db/sync-status';

/** One problem with one field of a form, `path` as the validators write it (`quietHours.start`, `events`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** `["quietHours", "start"]` and `quietHours.start` alike: validators differ in how they write a path. */
function pathText(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  return typeof path === 'string' ? path : '';
}

/**
 * The field problems in a 400's `error.details` (`{ issues: [{ path, message }] }`, or the list itself);
 * anything else in there is ignored (the error's message still shows).
 */
export function problemsFromDetails(details: unknown): FieldProblem[] {
  const wrapped = details as { issues?: unknown; errors?: unknown } | null;
  const list = Array.isArray(details)
    ? details
    : Array.isArray(wrapped?.issues)
      ? wrapped.issues
      : Array.isArray(wrapped?.errors)
        ? wrapped.errors
        : [];
  return list.flatMap((item) => {
    const { path, message } = (item ?? {}) as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: pathText(path), message }] : [];
  });
}

/**
 * What to tell the person when a server-held setting could not be read or written. `what` names the
 * settings, plural ("Notification preferences").
 */
export function serverSettingsMessage(error: unknown, what: string): string {
  if (!(error instanceof HttpError)) return `${what} could not be loaded or saved. Try again in a moment.`;
  switch (error.code) {
    case 'offline':
      return `You are offline. ${what} are kept on the server, so they need a connection: they load again when you are back online.`;
    case 'forbidden':
      return `Your role does not allow changing ${what.toLowerCase()}.`;
    case 'session-expired':
    case 'unauthenticated':
      return 'Your session has ended. Sign in again, then try once more.';
    default:
      return error.message;
  }
}

export interface ServerData<T> {
  readonly value: Accessor<T | undefined>;
  readonly loading: Accessor<boolean>;
  readonly error: Accessor<unknown>;
  readonly reload: () => void;
  /** Replaces the loaded value with what a write returned, without asking the server again. */
  readonly set: (value: T) => void;
}

/**
 * Loads `fetcher(key)` whenever `key` changes (e.g. the workspace), and again whenever the device comes back
 * online after an error: an offline failure mends itself without a tap.
 */
export function createServerData<K, T>(
  key: Accessor<K | null | undefined>,
  fetcher: (key: K) => Promise<T>,
): ServerData<T> {
  const [resource, { refetch, mutate }] = createResource(key, (k) => fetcher(k as K));
  const [failed, setFailed] = createSignal(false);
  createEffect(() => setFailed(Boolean(resource.error)));
  createEffect(
    on(syncStatus.online, (online, wasOnline) => {
      if (online && wasOnline === false && failed()) void refetch();
    }),
  );
  return {
    value: () => (resource.error ? undefined : resource.latest),
    loading: () => resource.loading,
    error: () => resource.error as unknown,
    reload: () => void refetch(),
    set: (value) => void mutate(() => value),
  };
}
