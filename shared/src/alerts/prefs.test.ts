import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, isQuietTime, shouldPush, validateNotificationPrefs } from './prefs';
import type { NotificationPrefs } from './types';

const quiet = (start: string, end: string, timeZone = 'UTC'): NotificationPrefs => ({
  mutedRules: [],
  quietHours: { start, end, timeZone },
});

function errorsOf(value: unknown): Record<string, string> {
  const result = validateNotificationPrefs(value);
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe('validateNotificationPrefs', () => {
  it('accepts the defaults and real quiet hours', () => {
    expect(validateNotificationPrefs(DEFAULT_NOTIFICATION_PREFS)).toEqual({
      ok: true,
      settings: DEFAULT_NOTIFICATION_PREFS,
    });
    const prefs = {
      mutedRules: ['playbook-trigger'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    };
    expect(validateNotificationPrefs(prefs)).toEqual({ ok: true, settings: prefs });
    expect(validateNotificationPrefs(quiet('00:00', '23:59')).ok).toBe(true);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['24:00', quiet('24:00', '07:00'), 'quietHours.start', /start must be a time from 00:00 to 23:59/],
    [
      '7:00',
      quiet('22:00', '7:00'),
      'quietHours.end',
      /end must be a time from 00:00 to 23:59, written HH:MM/,
    ],
    ['12:60', quiet('12:60', '13:00'), 'quietHours.start', /00:00 to 23:59/],
    [
      'an unknown zone',
      quiet('22:00', '07:00', 'Mars/Olympus_Mons'),
      'quietHours.timeZone',
      /time zone from the list/,
    ],
    ['an empty zone', quiet('22:00', '07:00', ''), 'quietHours.timeZone', /time zone from the list/],
    [
      'start equal to end',
      quiet('22:00', '22:00'),
      'quietHours.end',
      /end at a different time than they start/,
    ],
    [
      '51 muted rules',
      { mutedRules: Array.from({ length: 51 }, (_, i) => `r${i}`), quietHours: null },
      'mutedRules',
      /At most 50 rules/,
    ],
    [
      'a muted rule that is not an id',
      { mutedRules: ['Not An Id'], quietHours: null },
      'mutedRules.0',
      /by its id/,
    ],
  ])('refuses %s, on its field', (_, value, path, message) => {
    expect(errorsOf(value)[path]).toMatch(message);
  });
});

describe('isQuietTime', () => {
  it('is never quiet without quiet hours', () => {
    expect(isQuietTime(DEFAULT_NOTIFICATION_PREFS, new Date('2026-11-20T03:00:00.000Z'))).toBe(false);
  });

  it.each([
    ['21:59', false],
    ['22:00', true],
    ['23:59', true],
    ['00:00', true],
    ['06:59', true],
    ['07:00', false],
    ['12:00', false],
  ])('22:00–07:00 across midnight, at %s UTC: %s', (time, expected) => {
    expect(isQuietTime(quiet('22:00', '07:00'), new Date(`2026-11-20T${time}:00.000Z`))).toBe(expected);
  });

  it.each([
    ['12:59', false],
    ['13:00', true],
    ['13:59', true],
    ['14:00', false],
  ])('13:00–14:00 within a day, at %s UTC: %s', (time, expected) => {
    expect(isQuietTime(quiet('13:00', '14:00'), new Date(`2026-11-20T${time}:00.000Z`))).toBe(expected);
  });

  it('reads the clock in the quiet hours’ own zone (zones without daylight saving, so fixed offsets)', () => {
    // 23:30 in Tokyo (UTC+9) is 14:30 UTC; 23:30 in Kolkata (UTC+5:30) is 18:00 UTC.
    const nightInTokyo = new Date('2026-07-01T14:30:00.000Z');
    expect(isQuietTime(quiet('22:00', '07:00', 'Asia/Tokyo'), nightInTokyo)).toBe(true);
    expect(isQuietTime(quiet('22:00', '07:00', 'UTC'), nightInTokyo)).toBe(false);
    expect(isQuietTime(quiet('23:30', '23:31', 'Asia/Kolkata'), new Date('2026-07-01T18:00:00.000Z'))).toBe(
      true,
    );
    expect(isQuietTime(quiet('23:30', '23:31', 'Asia/Kolkata'), new Date('2026-07-01T17:59:00.000Z'))).toBe(
      false,
    );
    // 06:59 on Honolulu's clock (UTC−10) is 16:59 UTC.
    expect(
      isQuietTime(quiet('22:00', '07:00', 'Pacific/Honolulu'), new Date('2026-07-01T16:59:00.000Z')),
    ).toBe(true);
    expect(
      isQuietTime(quiet('22:00', '07:00', 'Pacific/Honolulu'), new Date('2026-07-01T17:00:00.000Z')),
    ).toBe(false);
  });

  it('is not quiet for a zone this engine does not know: better a late-night push than a lost alert', () => {
    expect(
      isQuietTime(quiet('00:00', '23:59', 'Mars/Olympus_Mons'), new Date('2026-11-20T12:00:00.000Z')),
    ).toBe(false);
  });
});

describe('shouldPush', () => {
  const noon = new Date('2026-11-20T12:00:00.000Z');
  it('pushes unless the rule is muted or it is quiet time', () => {
    expect(shouldPush(DEFAULT_NOTIFICATION_PREFS, { ruleId: 'status-red' }, noon)).toBe(true);
    expect(shouldPush({ mutedRules: ['status-red'], quietHours: null }, { ruleId: 'status-red' }, noon)).toBe(
      false,
    );
    expect(shouldPush({ mutedRules: ['status-red'], quietHours: null }, { ruleId: 'score-drop' }, noon)).toBe(
      true,
    );
    expect(shouldPush(quiet('11:00', '13:00'), { ruleId: 'status-red' }, noon)).toBe(false);
  });
});
