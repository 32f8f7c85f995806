import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError, offlineError } from '../api/http';
import {
  listenForNotificationTaps,
  nativePushStatus,
  nativeShell,
  rememberedToken,
  subscribeNative,
  unsubscribeNative,
  type CapacitorLike,
  type NativePushDeps,
  type PushNotificationsLike,
} from './native';
import { devicePushStatus, PushError, subscribeThisDevice, unsubscribeThisDevice } from './push-subscription';

type Listener = (data: unknown) => void;

/**
 * What the native bridge injects as `window.Capacitor` in the app, with the PushNotifications plugin behind
 * `nativePromise`/`addListener` (as @capacitor/core is not bundled), recording the calls made to it.
 */
function fakeCapacitor(
  options: {
    platform?: string;
    native?: boolean;
    permission?: 'prompt' | 'granted' | 'denied';
    answer?: 'prompt' | 'granted' | 'denied';
    token?: string;
    registrationError?: string;
    withPlugin?: boolean;
  } = {},
) {
  const calls: string[] = [];
  const listeners = new Map<string, Set<Listener>>();
  let permission = options.permission ?? 'prompt';
  const emit = (event: string, data: unknown) => listeners.get(event)?.forEach((l) => l(data));
  const methods: Record<string, () => Promise<unknown>> = {
    checkPermissions: async () => ({ receive: permission }),
    requestPermissions: async () => {
      permission = options.answer ?? 'granted';
      return { receive: permission };
    },
    register: async () => {
      // As on the phone: the token arrives as an event, after register() was called.
      setTimeout(() =>
        options.registrationError
          ? emit('registrationError', { error: options.registrationError })
          : emit('registration', { value: options.token ?? 'fcm-token-1' }),
      );
    },
    unregister: async () => undefined,
  };
  const cap: CapacitorLike = {
    isNativePlatform: () => options.native ?? true,
    getPlatform: () => options.platform ?? 'android',
    Plugins: {},
    nativePromise: async (plugin: string, method: string) => {
      calls.push(`${plugin}.${method}`);
      if (plugin !== 'PushNotifications' || options.withPlugin === false || !methods[method])
        throw new Error(`"${plugin}" plugin is not implemented on ${options.platform ?? 'android'}`);
      return methods[method]();
    },
    addListener: (_plugin, event, callback) => {
      calls.push(`listen ${event}`);
      const set = listeners.get(event) ?? new Set();
      set.add(callback);
      listeners.set(event, set);
      return { remove: async () => void set.delete(callback) };
    },
  };
  return { cap, calls, emit, listening: (event: string) => listeners.get(event)?.size ?? 0 };
}

function fakeDeps(
  options: {
    online?: boolean;
    register?: () => Promise<{ id: string }>;
    remove?: () => Promise<unknown>;
  } = {},
) {
  const items = new Map<string, string>();
  const steps: string[] = [];
  const deps: NativePushDeps = {
    online: () => options.online ?? true,
    register: async (token, platform) => {
      steps.push(`register ${token} ${platform}`);
      return options.register ? options.register() : { id: 'app-1' };
    },
    remove: async (token) => {
      steps.push(`remove ${token}`);
      return options.remove?.();
    },
    storage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
    timeoutMs: 200,
  };
  return { deps, steps };
}

const shellOf = (cap: CapacitorLike) => nativeShell({ Capacitor: cap })!;

describe('nativeShell', () => {
  it.each<[string, object, string | null]>([
    ['a browser', {}, null],
    ['a Capacitor web build', { Capacitor: fakeCapacitor({ native: false, platform: 'web' }).cap }, null],
    ['the Android app', { Capacitor: fakeCapacitor({ platform: 'android' }).cap }, 'android'],
    ['the iOS app', { Capacitor: fakeCapacitor({ platform: 'ios' }).cap }, 'ios'],
    ['another native platform', { Capacitor: fakeCapacitor({ platform: 'electron' }).cap }, null],
  ])('%s', (_, scope, platform) => {
    expect(nativeShell(scope)?.platform ?? null).toBe(platform);
  });

  it('prefers the plugin @capacitor/core registered, when a page bundles it', async () => {
    const plugin = {
      checkPermissions: async () => ({ receive: 'denied' }),
    } as unknown as PushNotificationsLike;
    const cap = { ...fakeCapacitor().cap, Plugins: { PushNotifications: plugin } };
    expect(shellOf(cap).push).toBe(plugin);
  });
});

describe('subscribeNative', () => {
  it('asks, registers at FCM, sends the token to the server, and remembers it for this user', async () => {
    const fake = fakeCapacitor({ token: 'fcm-abc' });
    const { deps, steps } = fakeDeps();
    const device = await subscribeNative('user-1', shellOf(fake.cap), deps);
    expect(device).toEqual({ id: 'app-1', endpoint: 'fcm-abc', userId: 'user-1' });
    expect(fake.calls).toEqual([
      'PushNotifications.requestPermissions',
      'listen registration',
      'listen registrationError',
      'PushNotifications.register',
    ]);
    expect(steps).toEqual(['register fcm-abc android']);
    expect(rememberedToken(deps.storage)).toEqual({ id: 'app-1', token: 'fcm-abc', userId: 'user-1' });
    // The one-off listeners are gone again.
    await vi.waitFor(() => expect(fake.listening('registration')).toBe(0));
    expect(await nativePushStatus('user-1', shellOf(fake.cap), deps)).toEqual({
      support: 'supported',
      permission: 'granted',
      subscribed: true,
      deviceId: 'app-1',
    });
    expect((await nativePushStatus('user-2', shellOf(fake.cap), deps)).subscribed).toBe(false);
  });

  it.each<[string, Parameters<typeof fakeCapacitor>[0], Parameters<typeof fakeDeps>[0], string]>([
    ['permission denied', { answer: 'denied' }, {}, 'denied'],
    ['the prompt dismissed', { answer: 'prompt' }, {}, 'dismissed'],
    ['offline', {}, { online: false }, 'offline'],
    ['FCM refusing to register', { registrationError: 'SERVICE_NOT_AVAILABLE' }, {}, 'push-service'],
    ['an app built without the plugin', { withPlugin: false }, {}, 'push-service'],
    [
      'the server refusing the token',
      {},
      { register: () => Promise.reject(new HttpError(400, 'invalid-input', 'The push token is too short.')) },
      'server',
    ],
    ['the server out of reach', {}, { register: () => Promise.reject(offlineError()) }, 'offline'],
  ])('fails with a reason when %s, remembering nothing', async (_, capOptions, depOptions, code) => {
    const { deps } = fakeDeps(depOptions);
    const error = await subscribeNative('user-1', shellOf(fakeCapacitor(capOptions).cap), deps).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PushError);
    expect((error as PushError).code).toBe(code);
    expect(rememberedToken(deps.storage)).toBeNull();
  });

  it('speaks of the phone’s settings, not the browser’s, when notifications are blocked', async () => {
    const subscribing = subscribeNative(
      'user-1',
      shellOf(fakeCapacitor({ answer: 'denied' }).cap),
      fakeDeps().deps,
    );
    await expect(subscribing).rejects.toThrow(/phone’s settings/);
  });
});

describe('unsubscribeNative', () => {
  it('tells the server, forgets the token and unregisters at FCM', async () => {
    const fake = fakeCapacitor({ token: 'fcm-abc' });
    const { deps, steps } = fakeDeps();
    await subscribeNative('user-1', shellOf(fake.cap), deps);
    await unsubscribeNative(shellOf(fake.cap), deps);
    expect(steps).toEqual(['register fcm-abc android', 'remove fcm-abc']);
    expect(fake.calls.at(-1)).toBe('PushNotifications.unregister');
    expect(rememberedToken(deps.storage)).toBeNull();
  });

  it.each<[string, () => Promise<unknown>, { evenIfServerUnreachable?: boolean }, boolean]>([
    [
      'the server already forgot it (404)',
      () => Promise.reject(new HttpError(404, 'not-found', 'gone')),
      {},
      true,
    ],
    [
      'offline while signing out',
      () => Promise.reject(offlineError()),
      { evenIfServerUnreachable: true },
      true,
    ],
    ['offline at the switch', () => Promise.reject(offlineError()), {}, false],
  ])('%s', async (_, remove, options, forgets) => {
    const fake = fakeCapacitor();
    const { deps } = fakeDeps({ remove });
    await subscribeNative('user-1', shellOf(fake.cap), deps);
    const result = await unsubscribeNative(shellOf(fake.cap), deps, options).then(
      () => 'done',
      (e: unknown) => (e as PushError).code,
    );
    expect(result).toBe(forgets ? 'done' : 'offline');
    expect(rememberedToken(deps.storage) === null).toBe(forgets);
  });
});

describe('listenForNotificationTaps', () => {
  it.each<[string, unknown, string[]]>([
    ['an account', { url: '/accounts/acc-1', tenantId: 't' }, ['/accounts/acc-1']],
    ['the alerts inbox (the test message)', { url: '/alerts' }, ['/alerts']],
    ['another host', { url: '//evil.example/x' }, []],
    ['a backslash trick', { url: '/\\evil.example' }, []],
    ['a full URL', { url: 'https://evil.example/' }, []],
    ['no data', undefined, []],
  ])('opens %s when tapped', async (_, data, opened) => {
    const fake = fakeCapacitor();
    const open = vi.fn();
    const stop = listenForNotificationTaps(open, shellOf(fake.cap));
    fake.emit('pushNotificationActionPerformed', { actionId: 'tap', notification: { data } });
    expect(open.mock.calls.map((c) => c[0])).toEqual(opened);
    stop();
    await vi.waitFor(() => expect(fake.listening('pushNotificationActionPerformed')).toBe(0));
  });

  it('does nothing in a browser', () => {
    expect(listenForNotificationTaps(vi.fn(), nativeShell({}))).toBeTypeOf('function');
  });
});

describe('the Settings switch in the app (push-subscription.ts hands over)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('subscribes, reports and unsubscribes through the native plugin and /api/push/native', async () => {
    const fake = fakeCapacitor({ platform: 'ios', token: 'apns-through-fcm-token' });
    vi.stubGlobal('Capacitor', fake.cap);
    vi.stubGlobal('navigator', { onLine: true });
    const requests: string[] = [];
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      requests.push(`${init.method} ${path} ${init.body ?? ''}`.trim());
      return init.method === 'POST'
        ? new Response(JSON.stringify({ id: 'app-9' }), { status: 201 })
        : new Response(null, { status: 204 });
    });

    await subscribeThisDevice('user-1');
    expect(await devicePushStatus('user-1')).toMatchObject({
      support: 'supported',
      subscribed: true,
      deviceId: 'app-9',
    });
    await unsubscribeThisDevice();
    expect(requests).toEqual([
      'POST /api/push/native {"token":"apns-through-fcm-token","platform":"ios"}',
      'DELETE /api/push/native/apns-through-fcm-token',
    ]);
    expect(await devicePushStatus('user-1')).toMatchObject({ subscribed: false });
  });
});
