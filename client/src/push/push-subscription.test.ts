import { describe, expect, it, vi } from 'vitest';
import { HttpError, offlineError } from '../api/http';
import {
  PushError,
  base64UrlToBytes,
  devicePushStatus,
  pushSupport,
  rememberedDevice,
  sameKey,
  subscribeThisDevice,
  toPushError,
  unsubscribeThisDevice,
  type PushEnvironment,
  type PushPlatform,
  type RegistrationLike,
  type SubscriptionLike,
} from './push-subscription';
import { appName, deviceName, pushSwitchView, testResultText } from './push-state';

const FULL: PushEnvironment = {
  serviceWorker: true,
  pushManager: true,
  notification: true,
  appleMobile: false,
  standalone: false,
};

describe('pushSupport', () => {
  it.each<[string, Partial<PushEnvironment>, ReturnType<typeof pushSupport>]>([
    ['a desktop browser with everything', {}, 'supported'],
    ['the installed app on an iPhone', { appleMobile: true, standalone: true }, 'supported'],
    ['Safari on an iPhone, in a tab', { pushManager: false, appleMobile: true }, 'needs-install'],
    [
      'an old iPhone, even installed',
      { pushManager: false, appleMobile: true, standalone: true },
      'unsupported',
    ],
    ['a browser without service workers', { serviceWorker: false }, 'unsupported'],
    ['a browser without the Notification API', { notification: false }, 'unsupported'],
  ])('%s', (_, env, expected) => {
    expect(pushSupport({ ...FULL, ...env })).toBe(expected);
  });
});

describe('base64UrlToBytes', () => {
  it.each([
    ['', []],
    ['AQ', [1]],
    ['AQI', [1, 2]],
    ['AQID', [1, 2, 3]],
    ['-_8', [0xfb, 0xff]],
    ['+/8=', [0xfb, 0xff]],
  ])('%j', (text, bytes) => {
    expect([...base64UrlToBytes(text)]).toEqual(bytes);
  });

  it('reads a 65-byte VAPID public key (an uncompressed P-256 point starts with 4)', () => {
    const key = `B${'A'.repeat(86)}`;
    const bytes = base64UrlToBytes(key);
    expect(bytes.byteLength).toBe(65);
    expect(bytes[0]).toBe(4);
  });

  it.each(['not base64!', 'A', 'AB=C'])('refuses %j with a message', (text) => {
    expect(() => base64UrlToBytes(text)).toThrow(PushError);
  });
});

describe('sameKey', () => {
  const key = new Uint8Array([4, 1, 2]);
  it.each<[string, ArrayBuffer | null, boolean]>([
    ['the same bytes', new Uint8Array([4, 1, 2]).buffer, true],
    ['another key', new Uint8Array([4, 1, 3]).buffer, false],
    ['a shorter key', new Uint8Array([4, 1]).buffer, false],
    ['no key', null, false],
  ])('%s', (_, existing, expected) => {
    expect(sameKey(existing, key)).toBe(expected);
  });
});

describe('toPushError', () => {
  it.each<[string, unknown, string]>([
    ['offline', offlineError(), 'offline'],
    [
      'a server refusal keeps its message',
      new HttpError(400, 'invalid-input', 'The endpoint must use https.'),
      'server',
    ],
    ['the browser refusing', new DOMException('Permission denied', 'NotAllowedError'), 'denied'],
    ['the push service failing', new DOMException('Registration failed', 'AbortError'), 'push-service'],
  ])('%s', (_, error, code) => {
    expect(toPushError(error).code).toBe(code);
  });
  it('keeps the message the server gave', () => {
    expect(toPushError(new HttpError(400, 'invalid-input', 'The endpoint must use https.')).message).toBe(
      'The endpoint must use https.',
    );
  });
});

/** A browser and server in memory, recording what happened in which order. */
function fakePlatform(options: {
  env?: Partial<PushEnvironment>;
  online?: boolean;
  permission?: NotificationPermission;
  answer?: NotificationPermission;
  existing?: { endpoint: string; key: number[] };
  register?: () => Promise<{ id: string }>;
  remove?: () => Promise<unknown>;
  worker?: boolean;
}) {
  const steps: string[] = [];
  const items = new Map<string, string>();
  let current: SubscriptionLike | null = null;
  const make = (endpoint: string, key: number[]): SubscriptionLike => {
    const subscription: SubscriptionLike = {
      endpoint,
      options: { applicationServerKey: new Uint8Array(key).buffer },
      toJSON: () => ({ endpoint, keys: { p256dh: 'p', auth: 'a' } }),
      unsubscribe: async () => {
        steps.push(`browser-unsubscribe ${endpoint}`);
        if (current === subscription) current = null;
        return true;
      },
    };
    return subscription;
  };
  if (options.existing) current = make(options.existing.endpoint, options.existing.key);
  const registration: RegistrationLike = {
    pushManager: {
      getSubscription: async () => current,
      subscribe: async (init) => {
        steps.push('browser-subscribe');
        current = make('https://push.example/new', [...(init.applicationServerKey as Uint8Array)]);
        return current;
      },
    },
  };
  let permission = options.permission ?? 'default';
  const platform: PushPlatform = {
    environment: () => ({ ...FULL, ...options.env }),
    online: () => options.online ?? true,
    permission: () => permission,
    requestPermission: async () => {
      steps.push('ask');
      permission = options.answer ?? 'granted';
      return permission;
    },
    registration: async () => (options.worker === false ? null : registration),
    fetchKey: async () => {
      steps.push('key');
      return 'BAEC'; // bytes 4, 1, 2
    },
    register: async (json) => {
      steps.push(`register ${json.endpoint}`);
      return options.register ? options.register() : { id: 'sub-1' };
    },
    remove: async (endpoint) => {
      steps.push(`remove ${endpoint}`);
      return options.remove?.();
    },
    storage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
  };
  return { platform, steps, subscription: () => current };
}

describe('subscribeThisDevice', () => {
  it('asks, subscribes with the server key, registers, and remembers the device for this user', async () => {
    const fake = fakePlatform({});
    const device = await subscribeThisDevice('user-1', fake.platform);
    expect(fake.steps).toEqual(['key', 'ask', 'browser-subscribe', 'register https://push.example/new']);
    expect([...new Uint8Array(fake.subscription()!.options.applicationServerKey!)]).toEqual([4, 1, 2]);
    expect(device).toEqual({ id: 'sub-1', endpoint: 'https://push.example/new', userId: 'user-1' });
    expect(rememberedDevice(fake.platform.storage)).toEqual(device);
    expect(await devicePushStatus('user-1', fake.platform)).toEqual({
      support: 'supported',
      permission: 'granted',
      subscribed: true,
      deviceId: 'sub-1',
    });
  });

  it('reuses a subscription made with the same key (registering it again)', async () => {
    const fake = fakePlatform({
      permission: 'granted',
      existing: { endpoint: 'https://push.example/old', key: [4, 1, 2] },
    });
    await subscribeThisDevice('user-1', fake.platform);
    expect(fake.steps).toEqual(['key', 'ask', 'register https://push.example/old']);
  });

  it('replaces a subscription made with an older server key', async () => {
    const fake = fakePlatform({ existing: { endpoint: 'https://push.example/old', key: [4, 9, 9] } });
    await subscribeThisDevice('user-1', fake.platform);
    expect(fake.steps).toEqual([
      'key',
      'ask',
      'browser-unsubscribe https://push.example/old',
      'browser-subscribe',
      'register https://push.example/new',
    ]);
  });

  it.each<[string, Parameters<typeof fakePlatform>[0], string]>([
    ['permission denied', { answer: 'denied' }, 'denied'],
    ['the prompt dismissed', { answer: 'default' }, 'dismissed'],
    ['offline', { online: false }, 'offline'],
    [
      'iOS Safari outside the installed app',
      { env: { pushManager: false, appleMobile: true } },
      'needs-install',
    ],
    ['no push in this browser', { env: { pushManager: false } }, 'unsupported'],
    ['no service worker yet', { worker: false }, 'no-worker'],
  ])('fails with a reason when %s, subscribing nothing', async (_, options, code) => {
    const fake = fakePlatform(options);
    await expect(subscribeThisDevice('user-1', fake.platform)).rejects.toMatchObject({ code });
    expect(fake.subscription()).toBeNull();
    expect(fake.steps).not.toContain('browser-subscribe');
  });

  it('says plainly that notifications are blocked in the browser settings', async () => {
    const fake = fakePlatform({ answer: 'denied' });
    await expect(subscribeThisDevice('user-1', fake.platform)).rejects.toThrow(
      /Notifications are blocked for this site in your browser settings/,
    );
  });

  it('gives up on a push service that does not answer, and drops a subscription that comes late', async () => {
    const fake = fakePlatform({});
    let arrive: (s: SubscriptionLike) => void = () => undefined;
    const late: SubscriptionLike = {
      endpoint: 'https://push.example/late',
      options: { applicationServerKey: null },
      toJSON: () => ({ endpoint: 'https://push.example/late' }),
      unsubscribe: async () => {
        fake.steps.push('late-unsubscribe');
        return true;
      },
    };
    const registration = (await fake.platform.registration({ waitUntilActive: true }))!;
    const slow: PushPlatform = {
      ...fake.platform,
      registration: async () => ({
        pushManager: {
          getSubscription: registration.pushManager.getSubscription,
          subscribe: () => new Promise<SubscriptionLike>((resolve) => (arrive = resolve)),
        },
      }),
    };
    await expect(subscribeThisDevice('user-1', slow, { timeoutMs: 5 })).rejects.toMatchObject({
      code: 'push-service',
    });
    arrive(late);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.steps).toContain('late-unsubscribe');
    expect(fake.steps.some((s) => s.startsWith('register'))).toBe(false);
  });

  it('undoes the new browser subscription when the server cannot register it', async () => {
    const fake = fakePlatform({ register: () => Promise.reject(offlineError()) });
    await expect(subscribeThisDevice('user-1', fake.platform)).rejects.toMatchObject({ code: 'offline' });
    expect(fake.subscription()).toBeNull();
    expect(rememberedDevice(fake.platform.storage)).toBeNull();
  });

  it('does not leave the key request unhandled when the permission is refused', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const fake = fakePlatform({ answer: 'denied' });
    fake.platform = { ...fake.platform, fetchKey: () => Promise.reject(offlineError()) } as PushPlatform;
    await expect(subscribeThisDevice('user-1', fake.platform)).rejects.toMatchObject({ code: 'denied' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('devicePushStatus', () => {
  it('does not count a subscription another user made on this browser', async () => {
    const fake = fakePlatform({});
    await subscribeThisDevice('user-1', fake.platform);
    expect(await devicePushStatus('user-2', fake.platform)).toMatchObject({
      subscribed: false,
      deviceId: null,
    });
  });

  it('still counts a subscription the service worker renewed under a new endpoint', async () => {
    const fake = fakePlatform({});
    await subscribeThisDevice('user-1', fake.platform);
    const renewed = fakePlatform({ existing: { endpoint: 'https://push.example/renewed', key: [4, 1, 2] } });
    const platform = { ...renewed.platform, storage: fake.platform.storage };
    expect(await devicePushStatus('user-1', platform)).toMatchObject({ subscribed: true, deviceId: null });
  });

  it('reads as not subscribed when the browser lost the subscription', async () => {
    const fake = fakePlatform({});
    await subscribeThisDevice('user-1', fake.platform);
    await fake.subscription()!.unsubscribe();
    expect(await devicePushStatus('user-1', fake.platform)).toMatchObject({ subscribed: false });
  });
});

describe('unsubscribeThisDevice', () => {
  it('tells the server first, then drops the browser subscription', async () => {
    const fake = fakePlatform({});
    await subscribeThisDevice('user-1', fake.platform);
    fake.steps.length = 0;
    await unsubscribeThisDevice(fake.platform);
    expect(fake.steps).toEqual([
      'remove https://push.example/new',
      'browser-unsubscribe https://push.example/new',
    ]);
    expect(rememberedDevice(fake.platform.storage)).toBeNull();
  });

  it('keeps the subscription when the server cannot be told (offline), so the switch stays true', async () => {
    const fake = fakePlatform({ remove: () => Promise.reject(offlineError()) });
    await subscribeThisDevice('user-1', fake.platform);
    await expect(unsubscribeThisDevice(fake.platform)).rejects.toMatchObject({ code: 'offline' });
    expect(fake.subscription()).not.toBeNull();
    expect(await devicePushStatus('user-1', fake.platform)).toMatchObject({ subscribed: true });
  });

  it('drops it anyway when asked to (signing out offline)', async () => {
    const fake = fakePlatform({ remove: () => Promise.reject(offlineError()) });
    await subscribeThisDevice('user-1', fake.platform);
    await unsubscribeThisDevice(fake.platform, { evenIfServerUnreachable: true });
    expect(fake.subscription()).toBeNull();
  });

  it('treats a subscription the server had already forgotten as removed', async () => {
    const fake = fakePlatform({ remove: () => Promise.reject(new HttpError(404, 'not-found', 'Not found')) });
    await subscribeThisDevice('user-1', fake.platform);
    await unsubscribeThisDevice(fake.platform);
    expect(fake.subscription()).toBeNull();
  });
});

describe('pushSwitchView', () => {
  const status = { support: 'supported', permission: 'default', subscribed: false, deviceId: null } as const;
  it.each<[string, Parameters<typeof pushSwitchView>[0], { on: boolean; enabled: boolean; state: RegExp }]>([
    ['while checking', null, { on: false, enabled: false, state: /Checking/ }],
    ['off', status, { on: false, enabled: true, state: /^Off$/ }],
    [
      'on',
      { ...status, permission: 'granted', subscribed: true, deviceId: 's' },
      { on: true, enabled: true, state: /^On/ },
    ],
    [
      'unsupported',
      { ...status, support: 'unsupported' },
      { on: false, enabled: false, state: /Not available/ },
    ],
    [
      'iOS in a tab',
      { ...status, support: 'needs-install' },
      { on: false, enabled: false, state: /installed app/ },
    ],
    ['blocked', { ...status, permission: 'denied' }, { on: false, enabled: false, state: /Blocked/ }],
    [
      'blocked after subscribing: can still turn off',
      { ...status, permission: 'denied', subscribed: true },
      { on: true, enabled: true, state: /Blocked/ },
    ],
  ])('%s', (_, input, expected) => {
    const view = pushSwitchView(input, { online: true });
    expect(view.on).toBe(expected.on);
    expect(view.enabled).toBe(expected.enabled);
    expect(view.state).toMatch(expected.state);
  });
});

describe('pushSwitchView offline', () => {
  const on = { support: 'supported', permission: 'granted', subscribed: true, deviceId: 's' } as const;
  it('keeps showing the state but waits for the connection to change it, saying so', () => {
    const view = pushSwitchView(on, { online: false });
    expect(view).toMatchObject({ on: true, enabled: false });
    expect(view.state).toMatch(/^On/);
    expect(view.hint).toMatch(/^You are offline/);
  });
  it('keeps the more useful reason when the switch could not be used online either', () => {
    expect(
      pushSwitchView({ ...on, support: 'unsupported', subscribed: false }, { online: false }).hint,
    ).toMatch(/cannot show notifications/);
  });
});

describe('testResultText', () => {
  it.each<[string, { sent: number; gone: number; failed: number }, RegExp]>([
    ['no devices', { sent: 0, gone: 0, failed: 0 }, /None of your devices has notifications on/],
    ['one sent', { sent: 1, gone: 0, failed: 0 }, /^Test notification sent to 1 device:/],
    [
      'sent and gone',
      { sent: 2, gone: 1, failed: 0 },
      /2 devices: .* 1 device no longer accepted notifications and was removed\.$/,
    ],
    ['unreachable', { sent: 0, gone: 0, failed: 2 }, /^2 devices could not be reached/],
  ])('%s', (_, result, text) => {
    expect(testResultText(result)).toMatch(text);
  });
});

describe('deviceName', () => {
  it.each<[string | null, string]>([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      'Edge on Windows',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Mac'],
    ['curl/8.0', 'A browser'],
    [null, 'Unknown device'],
  ])('%s', (ua, name) => {
    expect(deviceName(ua)).toBe(name);
  });
});

describe('appName', () => {
  it('names the mobile app by its platform', () => {
    expect(appName('android')).toBe('Vitals app on Android');
    expect(appName('ios')).toBe('Vitals app on iPhone or iPad');
  });
});
