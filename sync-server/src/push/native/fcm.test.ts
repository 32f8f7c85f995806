import { generateKeyPairSync, verify } from 'node:crypto';
import type { PushPayload } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { FCM_SCOPE, signAssertion } from './access-token';
import { fcmMessage, fcmVerdict } from './fcm';
import { parseServiceAccount, ServiceAccountError } from './service-account';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY = {
  type: 'service_account',
  project_id: 'vitals-prod',
  private_key_id: 'abc123',
  private_key: PEM,
  client_email: 'push@vitals-prod.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
};

const payload: PushPayload = {
  v: 1,
  type: 'alert',
  tenantId: 'tenant-1',
  alertId: 'alert-1',
  accountId: 'acc-1',
  title: 'Zürich Dental turned red',
  body: 'Health fell to 38',
  url: '/accounts/acc-1',
  tag: 'status-red:acc-1:2025-10',
  severity: 'critical',
};

describe('parseServiceAccount', () => {
  it('reads the fields the grant and the send URL need', () => {
    expect(parseServiceAccount(JSON.stringify(KEY))).toEqual({
      projectId: 'vitals-prod',
      clientEmail: KEY.client_email,
      privateKey: PEM,
      privateKeyId: 'abc123',
      tokenUri: KEY.token_uri,
    });
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"type":', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['an OAuth client instead', JSON.stringify({ ...KEY, type: 'authorized_user' }), /"authorized_user"/],
    ['no project', JSON.stringify({ ...KEY, project_id: undefined }), /"project_id"/],
    ['no client email', JSON.stringify({ ...KEY, client_email: '' }), /"client_email"/],
    ['a token URI that is not a URL', JSON.stringify({ ...KEY, token_uri: 'oauth2' }), /"token_uri"/],
    ['a broken private key', JSON.stringify({ ...KEY, private_key: 'MIIE…' }), /PEM private key/],
  ])('refuses %s, naming the variable and the problem', (_, text, message) => {
    expect(() => parseServiceAccount(text)).toThrow(ServiceAccountError);
    expect(() => parseServiceAccount(text)).toThrow(message);
    expect(() => parseServiceAccount(text)).toThrow(/^FCM_SERVICE_ACCOUNT: /);
  });
});

describe('signAssertion', () => {
  it('is an RS256 JWT for the FCM scope, addressed to the token URI, valid for an hour', () => {
    const account = parseServiceAccount(JSON.stringify(KEY));
    const jwt = signAssertion(account, Date.UTC(2025, 9, 1, 9, 0, 0));
    const [header, claims, signature] = jwt.split('.') as [string, string, string];
    const json = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString());
    expect(json(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'abc123' });
    expect(json(claims)).toEqual({
      iss: KEY.client_email,
      scope: FCM_SCOPE,
      aud: KEY.token_uri,
      iat: 1759309200,
      exp: 1759309200 + 3600,
    });
    expect(
      verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
  });
});

describe('fcmMessage', () => {
  const options = { ttlSeconds: 86_400, nowMs: Date.UTC(2025, 9, 1, 9, 0, 0) };

  it('carries the notification, the payload as string data, and urgent delivery for a critical alert', () => {
    expect(fcmMessage({ token: 'tok', platform: 'android' }, payload, options)).toEqual({
      message: {
        token: 'tok',
        notification: { title: payload.title, body: payload.body },
        data: {
          v: '1',
          type: 'alert',
          tenantId: 'tenant-1',
          alertId: 'alert-1',
          accountId: 'acc-1',
          url: '/accounts/acc-1',
          tag: payload.tag,
          severity: 'critical',
        },
        android: { priority: 'high', ttl: '86400s', notification: { tag: payload.tag } },
        apns: {
          headers: {
            'apns-priority': '10',
            'apns-expiration': String(1759309200 + 86_400),
            'apns-collapse-id': payload.tag,
          },
          payload: { aps: { sound: 'default', 'thread-id': 'tenant-1' } },
        },
      },
    });
  });

  it('sends the rest at normal priority, leaves out null ids and a collapse id longer than APNs takes', () => {
    const message = fcmMessage(
      { token: 'tok', platform: 'ios' },
      { ...payload, severity: 'warning', alertId: null, accountId: null, tag: 'x'.repeat(65) },
      options,
    ) as {
      message: {
        data: Record<string, string>;
        android: { priority: string };
        apns: { headers: Record<string, string> };
      };
    };
    expect(message.message.android.priority).toBe('normal');
    expect(message.message.apns.headers['apns-priority']).toBe('5');
    expect(message.message.apns.headers).not.toHaveProperty('apns-collapse-id');
    expect(message.message.data).not.toHaveProperty('alertId');
    expect(message.message.data).not.toHaveProperty('accountId');
  });
});

describe('fcmVerdict', () => {
  it.each<[number | null, string | null, ReturnType<typeof fcmVerdict>]>([
    [200, null, 'sent'],
    [404, 'UNREGISTERED', 'gone'],
    [404, null, 'gone'],
    // FCM documents UNREGISTERED with 404, but older answers carried it on 400: gone either way.
    [400, 'UNREGISTERED', 'gone'],
    [400, 'INVALID_ARGUMENT', 'failed'],
    [403, 'SENDER_ID_MISMATCH', 'failed'],
    [401, 'UNAUTHENTICATED', 'renew'],
    [429, 'QUOTA_EXCEEDED', 'retry'],
    [500, 'INTERNAL', 'retry'],
    [503, 'UNAVAILABLE', 'retry'],
    [null, null, 'retry'],
  ])('%s %s → %s', (status, code, verdict) => {
    expect(fcmVerdict(status, code)).toBe(verdict);
  });
});
