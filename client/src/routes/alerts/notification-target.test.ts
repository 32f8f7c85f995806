import { describe, expect, it } from 'vitest';
import { isAppWindow, notificationTarget } from './notification-target';

const ORIGIN = 'https://vitals.example';

describe('where tapping a notification goes', () => {
  it.each([
    ['/accounts/acc-acme-01', `${ORIGIN}/accounts/acc-acme-01`],
    ['/alerts?scope=all', `${ORIGIN}/alerts?scope=all`],
    ['/', `${ORIGIN}/`],
  ])('opens the app page %s', (url, expected) => {
    expect(notificationTarget(url, ORIGIN)).toBe(expected);
  });

  it.each([
    ['another site', 'https://evil.example/accounts/1'],
    ['a protocol-relative address', '//evil.example/accounts/1'],
    ['a backslash trick', '/\\evil.example'],
    ['script', 'javascript:alert(1)'],
    ['a relative path', 'accounts/1'],
    ['nothing', undefined],
    ['not text', 42],
  ])('falls back to the inbox for %s', (_what, url) => {
    expect(notificationTarget(url, ORIGIN)).toBe(`${ORIGIN}/alerts`);
  });

  it('names the notification’s workspace, so the app opens that one first', () => {
    const tenant = '3f1c2a7e-0b5d-4c1e-9a2f-7d6e5c4b3a21';
    expect(notificationTarget('/accounts/acc-acme-01', ORIGIN, tenant)).toBe(
      `${ORIGIN}/accounts/acc-acme-01?tenant=${tenant}`,
    );
    expect(notificationTarget('/alerts?scope=all', ORIGIN, tenant)).toBe(
      `${ORIGIN}/alerts?scope=all&tenant=${tenant}`,
    );
    // Anything but an id is left out rather than passed on.
    expect(notificationTarget('/alerts', ORIGIN, 'a b&c=d')).toBe(`${ORIGIN}/alerts`);
    expect(notificationTarget('/alerts', ORIGIN, null)).toBe(`${ORIGIN}/alerts`);
  });

  it('recognises the app’s own windows', () => {
    expect(isAppWindow(`${ORIGIN}/accounts/1`, ORIGIN)).toBe(true);
    expect(isAppWindow('https://other.example/', ORIGIN)).toBe(false);
    expect(isAppWindow('not a url', ORIGIN)).toBe(false);
  });
});
