import { describe, expect, it } from 'vitest';
import {
  MAX_PUSH_PAYLOAD_BYTES,
  alertPushPayload,
  encodePushPayload,
  parsePushPayload,
  testPushPayload,
} from './push-payload';
import { alertDoc } from './testing';
import { utf8ByteLength } from './text';
import type { PushPayload } from './types';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('alertPushPayload', () => {
  it('opens the account and replaces an earlier notification of the same alert', () => {
    expect(alertPushPayload(alertDoc(), 'tenant-1')).toEqual({
      v: 1,
      type: 'alert',
      tenantId: 'tenant-1',
      alertId: 'alert-1',
      accountId: 'acc-1',
      title: 'Cobalt Robotics turned red',
      body: 'Health score 42 in Nov 2026 (61 in Oct 2026).',
      url: '/accounts/acc-1',
      tag: 'status-red:acc-1:2026-11',
      severity: 'critical',
    });
  });

  it('says when it is escalated, and whom it waits for', () => {
    const payload = alertPushPayload(alertDoc(), 'tenant-1', { escalated: true, ownerName: 'Ana Souza' });
    expect(payload.title).toBe('Escalated: Cobalt Robotics turned red');
    expect(payload.body).toBe(
      'Not acknowledged by Ana Souza yet. Health score 42 in Nov 2026 (61 in Oct 2026).',
    );
    expect(alertPushPayload(alertDoc(), 't', { escalated: true }).body).toMatch(/^Not acknowledged yet\. /);
  });
});

describe('encodePushPayload', () => {
  const payload = alertPushPayload(alertDoc(), 'tenant-1');

  it('leaves a payload that fits as it is', () => {
    expect(parsePushPayload(encodePushPayload(payload))).toEqual(payload);
  });

  it.each([
    ['ASCII', 'x'],
    ['accents', 'é'],
    ['CJK', '警'],
    ['emoji', '😀'],
    ['mixed', 'a😀é警'],
  ])('shortens a long body of %s to fit, cleanly cut and still readable', (_, unit) => {
    const long = { ...payload, body: unit.repeat(4000) };
    const text = encodePushPayload(long);
    expect(utf8ByteLength(text)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    const parsed = parsePushPayload(text);
    expect(parsed?.title).toBe(payload.title);
    expect(parsed?.body.endsWith('…')).toBe(true);
    expect(parsed?.body).not.toMatch(LONE_SURROGATE);
    // As much as fits: one more code point would not.
    expect(utf8ByteLength(text)).toBeGreaterThan(MAX_PUSH_PAYLOAD_BYTES - 8);
  });

  it('counts what JSON escaping adds (quotes, newlines)', () => {
    const text = encodePushPayload({ ...payload, body: '"\n'.repeat(2000) });
    expect(utf8ByteLength(text)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    expect(parsePushPayload(text)?.body).toMatch(/^"\n/);
  });

  it('shortens the title only when the body alone cannot make room', () => {
    const text = encodePushPayload({ ...payload, title: '😀'.repeat(1000), body: 'x'.repeat(500) });
    expect(utf8ByteLength(text)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    const parsed = parsePushPayload(text);
    expect(parsed?.body).toBe('');
    expect(parsed?.title.endsWith('…')).toBe(true);
    expect(parsed?.title).not.toMatch(LONE_SURROGATE);
  });
});

describe('parsePushPayload', () => {
  const good = testPushPayload('tenant-1');

  it('reads what the server sends, ignoring fields a newer server adds', () => {
    expect(parsePushPayload(JSON.stringify(good))).toEqual(good);
    expect(parsePushPayload(JSON.stringify({ ...good, extra: 1 }))).toEqual(good);
  });

  it.each<[string, string]>([
    ['not JSON', 'hello'],
    ['JSON but not a payload', '{"title":"hi"}'],
    ['another version', JSON.stringify({ ...good, v: 2 })],
    ['a link to another site', JSON.stringify({ ...good, url: 'https://evil.example/' })],
    ['a protocol-relative link', JSON.stringify({ ...good, url: '//evil.example/' })],
    ['a backslash link', JSON.stringify({ ...good, url: '/\\evil.example/' })],
    ['an unknown severity', JSON.stringify({ ...good, severity: 'doom' } as unknown as PushPayload)],
    ['something huge', JSON.stringify({ ...good, body: 'x'.repeat(10_000) })],
  ])('refuses %s', (_, text) => {
    expect(parsePushPayload(text)).toBeNull();
  });
});
