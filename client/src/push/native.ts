/**
 * Push in the mobile apps (mobile-shell/). Their WebViews have no Web Push, so the app asks the native
 * PushNotifications plugin (Capacitor) for an FCM token (APNs through FCM on iOS), and registers that with the
 * server, which sends through FCM. The shell is found through the `window.Capacitor` global its native bridge
 * injects: nothing of Capacitor is bundled into the PWA, which stays the same build on the web and in the apps.
 *
 * `push-subscription.ts` hands over to this module when it runs in the shell, so the Settings switch works the
 * same on both; `listenForNotificationTaps` opens the account a tapped notification is about.
 */
import { HttpError } from '../api/http';
import { registerNativeToken, removeNativeToken, type NativePushPlatform } from './native-api';
import {
  PushError,
  type DevicePushStatus,
  type PushPermission,
  type RememberedDevice,
  type UnsubscribeOptions,
} from './push-subscription';

/** The plugin's permission states (@capacitor/push-notifications `PermissionStatus.receive`). */
type NativePermission = 'prompt' | 'prompt-with-rationale' | 'granted' | 'denied';

interface ListenerHandle {
  remove(): Promise<void> | void;
}

/** Listeners the plugin calls, by event name. */
interface PluginEvents {
  registration: (token: { value: string }) => void;
  registrationError: (error: { error: string }) => void;
  pushNotificationActionPerformed: (action: {
    actionId: string;
    notification: { data?: Record<string, unknown> | null };
  }) => void;
}

/** The part of @capacitor/push-notifications' `PushNotificationsPlugin` used here. */
export interface PushNotificationsLike {
  checkPermissions(): Promise<{ receive: NativePermission }>;
  requestPermissions(): Promise<{ receive: NativePermission }>;
  register(): Promise<void>;
  unregister(): Promise<void>;
  addListener<E extends keyof PluginEvents>(
    event: E,
    listener: PluginEvents[E],
  ): Promise<ListenerHandle> | ListenerHandle;
}

/** The part of the `Capacitor` global (the native bridge, and @capacitor/core when a page bundles it). */
export interface CapacitorLike {
  isNativePlatform?(): boolean;
  getPlatform?(): string;
  /** Filled by @capacitor/core's `registerPlugin`, which this app does not bundle: usually empty here. */
  Plugins?: { PushNotifications?: PushNotificationsLike };
  /** The bridge's calls, which `registerPlugin` is built on. */
  nativePromise?(plugin: string, method: string, options?: unknown): Promise<unknown>;
  addListener?(plugin: string, event: string, callback: (data: unknown) => void): ListenerHandle;
}

export interface NativeShell {
  readonly platform: NativePushPlatform;
  /** `null` when the app was built without the push plugin. */
  readonly push: PushNotificationsLike | null;
}

const PLUGIN = 'PushNotifications';

/** What @capacitor/core's `registerPlugin` would make, over the bridge's own calls. */
function bridgedPlugin(cap: CapacitorLike): PushNotificationsLike | null {
  const { nativePromise, addListener } = cap;
  if (!nativePromise || !addListener) return null;
  const call = <T>(method: string): Promise<T> => nativePromise.call(cap, PLUGIN, method, {}) as Promise<T>;
  return {
    checkPermissions: () => call('checkPermissions'),
    requestPermissions: () => call('requestPermissions'),
    register: () => call('register'),
    unregister: () => call('unregister'),
    addListener: (event, listener) =>
      addListener.call(cap, PLUGIN, event, listener as (data: unknown) => void),
  };
}

/** The mobile app this page runs in, or `null` in a browser (or a Capacitor web build). */
export function nativeShell(scope: object = globalThis): NativeShell | null {
  const cap = (scope as { readonly Capacitor?: CapacitorLike }).Capacitor;
  if (!cap || typeof cap.isNativePlatform !== 'function' || !cap.isNativePlatform()) return null;
  const platform = cap.getPlatform?.();
  if (platform !== 'android' && platform !== 'ios') return null;
  return { platform, push: cap.Plugins?.PushNotifications ?? bridgedPlugin(cap) };
}

/** Words for the app rather than the browser: the permission lives in the phone's settings. */
const NATIVE_MESSAGES = {
  unsupported: 'This version of the Vitals app cannot show notifications. Update it from the app store.',
  denied:
    'Notifications are turned off for Vitals in the phone’s settings. Allow them there, then try again.',
  dismissed: 'Notifications were not turned on. Choose “Allow” when the phone asks.',
  'push-service':
    'The phone could not register for notifications. Check the connection and try again in a moment.',
} as const;

const toPermission = (state: NativePermission): NotificationPermission =>
  state === 'granted' ? 'granted' : state === 'denied' ? 'denied' : 'default';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface NativePushDeps {
  readonly online: () => boolean;
  readonly register: (token: string, platform: NativePushPlatform) => Promise<{ id: string }>;
  readonly remove: (token: string) => Promise<unknown>;
  readonly storage: KeyValueStorage;
  /** How long FCM/APNs may take to hand out a token (default 20 s). */
  readonly timeoutMs?: number;
}

export const nativeDeps: NativePushDeps = {
  online: () => typeof navigator === 'undefined' || navigator.onLine,
  register: registerNativeToken,
  remove: removeNativeToken,
  get storage() {
    return localStorage;
  },
};

/** The token this app registered, and for whom (the browsers' record is push-subscription's DEVICE_KEY). */
interface RememberedToken {
  readonly id: string;
  readonly token: string;
  readonly userId: string;
}
const TOKEN_KEY = 'vitals.push.native.v1';

export function rememberedToken(storage: KeyValueStorage): RememberedToken | null {
  try {
    const value = JSON.parse(storage.getItem(TOKEN_KEY) ?? 'null') as Partial<RememberedToken> | null;
    return value &&
      typeof value.id === 'string' &&
      typeof value.token === 'string' &&
      typeof value.userId === 'string'
      ? { id: value.id, token: value.token, userId: value.userId }
      : null;
  } catch {
    return null;
  }
}

async function permissionOf(push: PushNotificationsLike): Promise<PushPermission> {
  return push
    .checkPermissions()
    .then((status) => toPermission(status.receive))
    .catch(() => 'unsupported' as const);
}

/** Where this app stands for this user, like `devicePushStatus` for a browser. Never throws. */
export async function nativePushStatus(
  userId: string,
  shell: NativeShell,
  deps: Pick<NativePushDeps, 'storage'> = nativeDeps,
): Promise<DevicePushStatus> {
  if (!shell.push)
    return { support: 'unsupported', permission: 'unsupported', subscribed: false, deviceId: null };
  const permission = await permissionOf(shell.push);
  const remembered = rememberedToken(deps.storage);
  const mine = remembered?.userId === userId;
  return { support: 'supported', permission, subscribed: mine, deviceId: mine ? remembered.id : null };
}

/** The token from the plugin's `registration` event after `register()`, or a PushError. */
async function fetchToken(push: PushNotificationsLike, timeoutMs: number): Promise<string> {
  const handles: Promise<ListenerHandle>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const token = new Promise<string>((resolve, reject) => {
      handles.push(Promise.resolve(push.addListener('registration', ({ value }) => resolve(value))));
      handles.push(
        Promise.resolve(
          push.addListener('registrationError', ({ error }) =>
            reject(
              new PushError('push-service', NATIVE_MESSAGES['push-service'], { cause: new Error(error) }),
            ),
          ),
        ),
      );
      timer = setTimeout(
        () => reject(new PushError('push-service', NATIVE_MESSAGES['push-service'])),
        timeoutMs,
      );
    });
    // Listening first: the token may arrive before register() resolves.
    await Promise.all(handles);
    await push.register();
    return await token;
  } finally {
    clearTimeout(timer);
    for (const handle of handles) void handle.then((h) => h.remove()).catch(() => undefined);
  }
}

/**
 * Asks the phone for permission, gets the app's FCM token and registers it with the server: the native
 * counterpart of `subscribeThisDevice`. The remembered device's `endpoint` is the token.
 */
export async function subscribeNative(
  userId: string,
  shell: NativeShell,
  deps: NativePushDeps = nativeDeps,
): Promise<RememberedDevice> {
  const push = shell.push;
  if (!push) throw new PushError('unsupported', NATIVE_MESSAGES.unsupported);
  if (!deps.online()) throw new PushError('offline');
  let answer: NativePermission;
  try {
    answer = (await push.requestPermissions()).receive;
  } catch (error) {
    throw new PushError('push-service', NATIVE_MESSAGES['push-service'], { cause: error });
  }
  if (answer === 'denied') throw new PushError('denied', NATIVE_MESSAGES.denied);
  if (answer !== 'granted') throw new PushError('dismissed', NATIVE_MESSAGES.dismissed);
  const token = await fetchToken(push, deps.timeoutMs ?? 20_000);
  try {
    const { id } = await deps.register(token, shell.platform);
    deps.storage.setItem(TOKEN_KEY, JSON.stringify({ id, token, userId } satisfies RememberedToken));
    return { id, endpoint: token, userId };
  } catch (error) {
    if (error instanceof HttpError)
      throw error.offline
        ? new PushError('offline', undefined, { cause: error })
        : new PushError('server', error.message, { cause: error });
    throw error;
  }
}

/** Tells the server to stop, then unregisters the app at FCM: the counterpart of `unsubscribeThisDevice`. */
export async function unsubscribeNative(
  shell: NativeShell,
  deps: NativePushDeps = nativeDeps,
  options: UnsubscribeOptions = {},
): Promise<void> {
  const remembered = rememberedToken(deps.storage);
  if (remembered) {
    try {
      await deps.remove(remembered.token);
    } catch (error) {
      // 404: the server had already forgotten it (FCM said it was unregistered), which is what we want.
      const alreadyGone = error instanceof HttpError && error.status === 404;
      if (!alreadyGone && !options.evenIfServerUnreachable)
        throw error instanceof HttpError && error.offline
          ? new PushError('offline', undefined, { cause: error })
          : new PushError('server', error instanceof Error ? error.message : undefined, { cause: error });
    }
  }
  deps.storage.removeItem(TOKEN_KEY);
  // A new token next time: one the server may still hold for someone else never comes back to this app.
  await shell.push?.unregister().catch(() => undefined);
}

/** A path inside the app (`/accounts/x`), never `//host` or `/\host`, which would leave it: as the service worker. */
const APP_PATH = /^\/(?![/\\])[^\s\\]*$/;

/**
 * Opens the page a tapped notification is about (`data.url`, set by the server from the push payload). The
 * plugin keeps a tap that launched the app until a listener is added, so call this early at start-up. Returns
 * the cleanup; does nothing outside the app.
 */
export function listenForNotificationTaps(
  open: (path: string) => void = (path) => window.location.assign(path),
  shell: NativeShell | null = nativeShell(),
): () => void {
  if (!shell?.push) return () => undefined;
  const handle = Promise.resolve(
    shell.push.addListener('pushNotificationActionPerformed', ({ notification }) => {
      const url = notification.data?.url;
      if (typeof url === 'string' && APP_PATH.test(url)) open(url);
    }),
  ).catch(() => null);
  return () => void handle.then((h) => h?.remove());
}
