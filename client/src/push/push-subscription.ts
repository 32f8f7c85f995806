/**
 * Web Push on this device: whether the browser can do it, the notification permission, and subscribing or
 * unsubscribing this device with the server. Browser and server sit behind a `PushPlatform` so the order of
 * the steps (and what is undone when one fails) is tested in Node; `browserPush` is the real one.
 *
 * Every failure is a `PushError` whose message tells the person what to do.
 */
import { HttpError } from '../api/http';
import { nativePushStatus, nativeShell, subscribeNative, unsubscribeNative } from './native';
import { fetchPushKey, registerPushSubscription, removePushSubscription } from './push-api';

export type PushErrorCode =
  | 'unsupported'
  | 'needs-install'
  | 'denied'
  | 'dismissed'
  | 'offline'
  | 'no-worker'
  | 'push-service'
  | 'server';

export const PUSH_ERROR_MESSAGES: Readonly<Record<PushErrorCode, string>> = {
  unsupported: 'This browser cannot show notifications from websites. Try Chrome, Edge, Firefox or Safari.',
  'needs-install':
    'Install Vitals to your home screen to get notifications: in Safari, tap Share, then “Add to Home Screen”, and open Vitals from there.',
  denied:
    'Notifications are blocked for this site in your browser settings. Allow them there, then try again.',
  dismissed: 'Notifications were not turned on. Choose “Allow” when the browser asks.',
  offline:
    'You are offline. Turning notifications on or off needs a connection to the server: try again when you are back online.',
  'no-worker':
    'Vitals is still getting ready for offline use on this device. Reload the page, then try again.',
  'push-service':
    'The browser’s push service did not answer. Check the connection and try again in a moment.',
  server: 'The server could not register this device. Try again in a moment.',
};

export class PushError extends Error {
  override name = 'PushError';
  constructor(
    readonly code: PushErrorCode,
    message: string = PUSH_ERROR_MESSAGES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the browser offers; read once per check from the globals (`readPushEnvironment`). */
export interface PushEnvironment {
  readonly serviceWorker: boolean;
  readonly pushManager: boolean;
  readonly notification: boolean;
  /** iPhone or iPad: Safari there offers Web Push only to apps added to the home screen (iOS 16.4+). */
  readonly appleMobile: boolean;
  /** Running as the installed app rather than in a browser tab. */
  readonly standalone: boolean;
}

export type PushSupport = 'supported' | 'needs-install' | 'unsupported';

export function pushSupport(env: PushEnvironment): PushSupport {
  if (env.serviceWorker && env.pushManager && env.notification) return 'supported';
  return env.appleMobile && !env.standalone ? 'needs-install' : 'unsupported';
}

/** `unsupported` where there is no Notification API at all (the permission cannot even be asked). */
export type PushPermission = NotificationPermission | 'unsupported';

/** The VAPID public key (base64url, as `/api/push/key` sends it) as the bytes `subscribe` wants. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1)
    throw new PushError('server', 'The server sent a push key this browser cannot read.');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether an existing subscription was made with this key (after a key change it must be made anew). */
export function sameKey(existing: ArrayBuffer | null, key: Uint8Array): boolean {
  if (!existing || existing.byteLength !== key.byteLength) return false;
  const bytes = new Uint8Array(existing);
  return bytes.every((b, i) => b === key[i]);
}

/** The parts of PushSubscription / ServiceWorkerRegistration used here, so tests can pass small fakes. */
export interface SubscriptionLike {
  readonly endpoint: string;
  readonly options: { readonly applicationServerKey: ArrayBuffer | null };
  toJSON(): PushSubscriptionJSON;
  unsubscribe(): Promise<boolean>;
}
export interface RegistrationLike {
  readonly pushManager: {
    getSubscription(): Promise<SubscriptionLike | null>;
    subscribe(options: PushSubscriptionOptionsInit): Promise<SubscriptionLike>;
  };
}
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PushPlatform {
  readonly environment: () => PushEnvironment;
  readonly online: () => boolean;
  readonly permission: () => PushPermission;
  readonly requestPermission: () => Promise<NotificationPermission>;
  /**
   * The service worker's registration; `null` when there is none. With `waitUntilActive`, waits (a while)
   * for a worker still installing, as subscribing needs an active one.
   */
  readonly registration: (options: { readonly waitUntilActive: boolean }) => Promise<RegistrationLike | null>;
  readonly fetchKey: () => Promise<string>;
  readonly register: (subscription: PushSubscriptionJSON) => Promise<{ id: string }>;
  readonly remove: (endpoint: string) => Promise<unknown>;
  /** Where this device remembers which server subscription (and whose) it holds. */
  readonly storage: KeyValueStorage;
}

/** The subscription this device registered: the server's id (to tell "this device" in the list) and whose it is. */
export interface RememberedDevice {
  readonly id: string;
  readonly endpoint: string;
  readonly userId: string;
}

const DEVICE_KEY = 'vitals.push.device.v1';

export function rememberedDevice(storage: KeyValueStorage): RememberedDevice | null {
  try {
    const value = JSON.parse(storage.getItem(DEVICE_KEY) ?? 'null') as Partial<RememberedDevice> | null;
    return value &&
      typeof value.id === 'string' &&
      typeof value.endpoint === 'string' &&
      typeof value.userId === 'string'
      ? { id: value.id, endpoint: value.endpoint, userId: value.userId }
      : null;
  } catch {
    return null;
  }
}

/** The failure as a PushError: the browser's and the server's errors turned into words for people. */
export function toPushError(error: unknown): PushError {
  if (error instanceof PushError) return error;
  if (error instanceof HttpError)
    return error.offline
      ? new PushError('offline', undefined, { cause: error })
      : new PushError('server', error.message, { cause: error });
  if (error instanceof DOMException && error.name === 'NotAllowedError')
    return new PushError('denied', undefined, { cause: error });
  return new PushError('push-service', undefined, { cause: error });
}

function assertSupported(platform: PushPlatform): void {
  const support = pushSupport(platform.environment());
  if (support !== 'supported') throw new PushError(support);
}

export interface DevicePushStatus {
  readonly support: PushSupport;
  readonly permission: PushPermission;
  /** This browser holds a subscription that this user registered from this device. */
  readonly subscribed: boolean;
  /** The server's id of that subscription, when known. */
  readonly deviceId: string | null;
}

/** Where this device stands for this user. Never throws: an unreadable state reads as "not subscribed". */
export async function devicePushStatus(
  userId: string,
  platform: PushPlatform = browserPush,
): Promise<DevicePushStatus> {
  // In the mobile app (mobile-shell/) there is no Web Push: the native plugin and FCM stand in (native.ts).
  const shell = platform === browserPush ? nativeShell() : null;
  if (shell) return nativePushStatus(userId, shell);
  const support = pushSupport(platform.environment());
  const permission = platform.permission();
  if (support !== 'supported') return { support, permission, subscribed: false, deviceId: null };
  const subscription = await platform
    .registration({ waitUntilActive: false })
    .then((r) => r?.pushManager.getSubscription() ?? null)
    .catch(() => null);
  const remembered = rememberedDevice(platform.storage);
  // A subscription someone else signed up on this browser is theirs: it does not bring this user's alerts.
  // The endpoint may differ from the remembered one: the service worker renews the subscription when the push
  // service replaces it (`pushsubscriptionchange`), and cannot update this record; the server's id is then
  // unknown here until the person turns notifications on again.
  const mine = Boolean(subscription && remembered?.userId === userId);
  const sameEndpoint = mine && remembered!.endpoint === subscription!.endpoint;
  return { support, permission, subscribed: mine, deviceId: sameEndpoint ? remembered!.id : null };
}

/**
 * Asks for permission, subscribes at the browser's push service with the server's key, and registers the
 * subscription with the server. A subscription this call made is undone when the server refuses it, so the
 * browser never holds one the server does not know.
 */
export interface SubscribeOptions {
  /** How long the browser's push service may take to answer (default 20 s). */
  readonly timeoutMs?: number;
}

/**
 * The browser's subscription, or a `push-service` error once `timeoutMs` has passed: a push service that
 * cannot be reached (a blocked network, a browser without one) can leave `subscribe` pending for minutes.
 * A subscription that arrives after that is dropped, as nobody will register it.
 */
async function subscribeWithin(
  registration: RegistrationLike,
  options: PushSubscriptionOptionsInit,
  timeoutMs: number,
): Promise<SubscriptionLike> {
  const subscribing = registration.pushManager.subscribe(options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const subscription = await Promise.race([subscribing, late]);
    if (subscription) return subscription;
    void subscribing.then((s) => s.unsubscribe()).catch(() => undefined);
    throw new PushError('push-service');
  } finally {
    clearTimeout(timer);
  }
}

export async function subscribeThisDevice(
  userId: string,
  platform: PushPlatform = browserPush,
  options: SubscribeOptions = {},
): Promise<RememberedDevice> {
  const shell = platform === browserPush ? nativeShell() : null;
  if (shell) return subscribeNative(userId, shell);
  assertSupported(platform);
  if (!platform.online()) throw new PushError('offline');
  // The permission prompt comes first, while the tap that started this still counts as a user gesture
  // (Safari insists); the key is fetched meanwhile.
  const key = platform.fetchKey().then(base64UrlToBytes);
  key.catch(() => undefined); // Read below; a refusal of the permission must not leave it unhandled.
  const permission = await platform.requestPermission();
  if (permission === 'denied') throw new PushError('denied');
  if (permission !== 'granted') throw new PushError('dismissed');

  try {
    const applicationServerKey = await key;
    const registration = await platform.registration({ waitUntilActive: true });
    if (!registration) throw new PushError('no-worker');
    let subscription = await registration.pushManager.getSubscription();
    let created = false;
    if (subscription && !sameKey(subscription.options.applicationServerKey, applicationServerKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    if (!subscription) {
      subscription = await subscribeWithin(
        registration,
        { userVisibleOnly: true, applicationServerKey },
        options.timeoutMs ?? 20_000,
      );
      created = true;
    }
    try {
      const { id } = await platform.register(subscription.toJSON());
      const device: RememberedDevice = { id, endpoint: subscription.endpoint, userId };
      platform.storage.setItem(DEVICE_KEY, JSON.stringify(device));
      return device;
    } catch (error) {
      if (created) await subscription.unsubscribe().catch(() => false);
      throw error;
    }
  } catch (error) {
    throw toPushError(error);
  }
}

export interface UnsubscribeOptions {
  /**
   * Unsubscribe at the browser even when the server cannot be told (signing out offline): its next push to
   * this device is answered 410 and it removes the subscription itself.
   */
  readonly evenIfServerUnreachable?: boolean;
}

/** Tells the server to stop, then drops the browser's subscription. Nothing to do when there is none. */
export async function unsubscribeThisDevice(
  platform: PushPlatform = browserPush,
  options: UnsubscribeOptions = {},
): Promise<void> {
  const shell = platform === browserPush ? nativeShell() : null;
  if (shell) return unsubscribeNative(shell, undefined, options);
  if (pushSupport(platform.environment()) !== 'supported') return;
  const registration = await platform.registration({ waitUntilActive: false }).catch(() => null);
  const subscription = await registration?.pushManager.getSubscription().catch(() => null);
  if (!subscription) {
    platform.storage.removeItem(DEVICE_KEY);
    return;
  }
  try {
    await platform.remove(subscription.endpoint);
  } catch (error) {
    // 404: the server had already forgotten it (e.g. removed after a 410), which is what we want.
    const alreadyGone = error instanceof HttpError && error.status === 404;
    if (!alreadyGone && !options.evenIfServerUnreachable) throw toPushError(error);
  }
  platform.storage.removeItem(DEVICE_KEY);
  await subscription.unsubscribe().catch(() => false);
}

/** The service worker's registration; waiting for an active one up to `timeoutMs` (else `null`). */
async function serviceWorkerRegistration(
  waitUntilActive: boolean,
  timeoutMs: number,
): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  if (!waitUntilActive) return (await navigator.serviceWorker.getRegistration()) ?? null;
  // `ready` never settles where no worker is registered (development builds): give up after a while.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Read from the globals at each call: the permission and the network change while the screen is open. */
export function readPushEnvironment(): PushEnvironment {
  if (typeof window === 'undefined' || typeof navigator === 'undefined')
    return {
      serviceWorker: false,
      pushManager: false,
      notification: false,
      appleMobile: false,
      standalone: false,
    };
  const ua = navigator.userAgent;
  return {
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in window,
    notification: 'Notification' in window,
    // iPadOS presents itself as a Mac; only the touch screen gives it away.
    appleMobile: /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1),
    standalone:
      window.matchMedia?.('(display-mode: standalone)').matches === true ||
      (navigator as Navigator & { standalone?: boolean }).standalone === true,
  };
}

export const browserPush: PushPlatform = {
  environment: readPushEnvironment,
  online: () => typeof navigator === 'undefined' || navigator.onLine,
  permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
  requestPermission: () => Notification.requestPermission(),
  registration: ({ waitUntilActive }) => serviceWorkerRegistration(waitUntilActive, 10_000),
  fetchKey: () => fetchPushKey().then((answer) => answer.publicKey),
  register: (subscription) => registerPushSubscription(subscription),
  remove: (endpoint) => removePushSubscription(endpoint),
  get storage() {
    return localStorage;
  },
};
