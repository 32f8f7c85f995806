/** The local push service must refuse what a real one refuses, or the push tests would prove nothing. */
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPushReceiver, type PushReceiver, type PushSubscriptionJson } from './push-receiver';

const VAPID = webpush.generateVAPIDKeys();
const SUBJECT = 'mailto:ops@example.com';

function signedRequest(
  subscription: PushSubscriptionJson,
  payload: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const details = webpush.generateRequestDetails(subscription, payload, {
    vapidDetails: { subject: SUBJECT, ...VAPID },
    TTL: 60,
    contentEncoding: 'aes128gcm',
  });
  // Lower-cased, so an override replaces web-push's header; an empty override leaves the header out.
  const merged = {
    ...Object.fromEntries(
      Object.entries(details.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    ),
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(merged).filter(([name, value]) => value !== '' && name !== 'content-length'),
  );
  return fetch(details.endpoint, { method: 'POST', headers: sent, body: new Uint8Array(details.body) });
}

describe('the local push receiver', () => {
  let receiver: PushReceiver;
  beforeAll(async () => {
    receiver = await startPushReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => receiver.reset());

  it('accepts a signed request and decrypts its body as the browser would', async () => {
    const { subscription } = receiver.newSubscription({ applicationServerKey: VAPID.publicKey });
    const response = await signedRequest(subscription, 'Grüße 👋');
    expect(response.status).toBe(201);
    const [push] = await receiver.waitFor(1, 1000);
    expect(push).toMatchObject({
      endpoint: subscription.endpoint,
      status: 201,
      payload: 'Grüße 👋',
      error: null,
    });
    expect(push!.vapid).toMatchObject({
      publicKey: VAPID.publicKey,
      audience: receiver.url,
      subject: SUBJECT,
    });
  });

  const vapidFor = (audience: string, expiration?: number): string =>
    webpush.getVapidHeaders(audience, SUBJECT, VAPID.publicKey, VAPID.privateKey, 'aes128gcm', expiration)
      .Authorization;
  /**
   * A valid token with the first character of its signature changed (not the last: its low bits are padding in
   * base64url, so changing it may decode to the same signature).
   */
  const tampered = (): string =>
    vapidFor(receiver.url).replace(
      /(t=[^.]*\.[^.]*\.)(\w)/,
      (_m, head: string, first: string) => `${head}${first === 'A' ? 'B' : 'A'}`,
    );

  it.each([
    ['no Authorization', () => ({ authorization: '' }), 401, /missing/],
    ['a signature that does not verify', () => ({ authorization: tampered() }), 403, /signature/],
    [
      'a token for another push service',
      () => ({ authorization: vapidFor('https://push.example.com') }),
      403,
      /aud/,
    ],
    [
      'an expired token',
      () => ({ authorization: vapidFor(receiver.url, Math.floor(Date.now() / 1000) - 60) }),
      403,
      /exp/,
    ],
    ['no TTL', () => ({ ttl: '' }), 400, /TTL/],
    ['another content encoding', () => ({ 'content-encoding': 'aesgcm' }), 400, /aes128gcm/],
  ])('refuses %s', async (_, headers, status, error) => {
    const { subscription } = receiver.newSubscription();
    const response = await signedRequest(subscription, 'x', headers());
    expect(response.status).toBe(status);
    expect(receiver.received()[0]!.error).toMatch(error);
  });

  it('refuses a body encrypted for another browser, and a key other than the one subscribed with', async () => {
    const mine = receiver.newSubscription({ applicationServerKey: webpush.generateVAPIDKeys().publicKey });
    const other = receiver.newSubscription();
    const misdirected = { ...other.subscription, endpoint: mine.subscription.endpoint };
    expect((await signedRequest(misdirected, 'x')).status).toBe(403);
    const unsigned = receiver.newSubscription();
    expect(
      (await signedRequest({ ...other.subscription, endpoint: unsigned.subscription.endpoint }, 'x')).status,
    ).toBe(400);
    expect(receiver.received()[1]!.error).toMatch(/cannot decrypt/);
  });

  it('answers as scripted, then 201 again; gone subscriptions and unknown ones as a push service does', async () => {
    const live = receiver.newSubscription();
    receiver.respondWith(429, { 'retry-after': '7' }, 1);
    const limited = await signedRequest(live.subscription, 'a');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await signedRequest(live.subscription, 'b')).status).toBe(201);

    live.expire();
    expect((await signedRequest(live.subscription, 'c')).status).toBe(410);
    const unknown = { ...live.subscription, endpoint: `${receiver.url}/push/nobody` };
    expect((await signedRequest(unknown, 'd')).status).toBe(404);
    expect(receiver.received().map((r) => r.payload)).toEqual(['a', 'b', 'c', '']);
  });

  it('says how many requests it got when waiting times out', async () => {
    await expect(receiver.waitFor(1, 20)).rejects.toThrow(/got 0 of 1/);
  });
});
