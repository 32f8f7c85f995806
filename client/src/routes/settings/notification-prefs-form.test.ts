import { DEFAULT_NOTIFICATION_PREFS } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import {
  prefsForm,
  prefsFromForm,
  setNotify,
  timeZoneChoices,
  timeZoneLabel,
} from './notification-prefs-form';
import { problemsFromDetails, serverSettingsMessage } from './server-settings';

describe('notification preferences form', () => {
  it('starts without quiet hours, suggesting a night in the device’s zone for when they are turned on', () => {
    const form = prefsForm(DEFAULT_NOTIFICATION_PREFS, 'Europe/Berlin');
    expect(form).toEqual({
      mutedRules: [],
      quiet: false,
      start: '22:00',
      end: '07:00',
      timeZone: 'Europe/Berlin',
    });
    expect(prefsFromForm(form)).toEqual({ ok: true, prefs: DEFAULT_NOTIFICATION_PREFS });
  });

  it('shows saved quiet hours in their own zone, not the device’s', () => {
    const form = prefsForm(
      {
        mutedRules: ['score-drop'],
        quietHours: { start: '21:30', end: '06:00', timeZone: 'America/New_York' },
      },
      'Europe/Berlin',
    );
    expect(form).toMatchObject({ quiet: true, start: '21:30', end: '06:00', timeZone: 'America/New_York' });
  });

  it('mutes a rule when its box is unticked and unmutes it when ticked, keeping rules no longer listed', () => {
    const form = prefsForm({ mutedRules: ['gone-rule'], quietHours: null }, 'UTC');
    const muted = setNotify(form, 'score-drop', false);
    expect(muted.mutedRules).toEqual(['gone-rule', 'score-drop']);
    expect(setNotify(muted, 'score-drop', false).mutedRules).toEqual(['gone-rule', 'score-drop']);
    expect(setNotify(muted, 'score-drop', true).mutedRules).toEqual(['gone-rule']);
  });

  it('saves quiet hours spanning midnight, dropping seconds a time input may add', () => {
    const form = {
      ...prefsForm(DEFAULT_NOTIFICATION_PREFS, 'Europe/Berlin'),
      quiet: true,
      start: '22:00:00',
    };
    expect(prefsFromForm(form)).toEqual({
      ok: true,
      prefs: { mutedRules: [], quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty start', { start: '' }, 'quietHours.start'],
    ['an end equal to the start', { start: '07:00', end: '07:00' }, 'quietHours.end'],
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 'quietHours.timeZone'],
  ])('puts the problem on its field: %s', (_, change, path) => {
    const result = prefsFromForm({ ...prefsForm(DEFAULT_NOTIFICATION_PREFS, 'UTC'), quiet: true, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([path]);
  });

  it('ignores the times while quiet hours are off', () => {
    const form = { ...prefsForm(DEFAULT_NOTIFICATION_PREFS, 'UTC'), start: '', end: '' };
    expect(prefsFromForm(form)).toMatchObject({ ok: true, prefs: { quietHours: null } });
  });

  it('offers UTC and the saved zone even when the engine’s list lacks them, sorted', () => {
    expect(timeZoneChoices(['Europe/Berlin', 'America/New_York'], 'Asia/Kolkata', '')).toEqual([
      'America/New_York',
      'Asia/Kolkata',
      'Europe/Berlin',
      'UTC',
    ]);
    expect(timeZoneLabel('America/Argentina/Buenos_Aires')).toBe('America / Argentina / Buenos Aires');
  });
});

describe('server-held settings', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'the server’s { issues }',
      { issues: [{ path: 'quietHours.end', message: 'Different, please.' }] },
      [{ path: 'quietHours.end', message: 'Different, please.' }],
    ],
    [
      'a bare list with array paths',
      [{ path: ['events'], message: 'Choose one.' }],
      [{ path: 'events', message: 'Choose one.' }],
    ],
    ['nothing usable', { something: 1 }, []],
    ['no details', undefined, []],
  ])('reads field problems from %s', (_, details, problems) => {
    expect(problemsFromDetails(details)).toEqual(problems);
  });

  it('says plainly that these settings need a connection when offline', () => {
    expect(serverSettingsMessage(offlineError(), 'Webhooks')).toMatch(
      /^You are offline\. Webhooks are kept on the server/,
    );
  });

  it('passes the server’s own message on', () => {
    expect(
      serverSettingsMessage(new HttpError(400, 'invalid-input', 'That address is private.'), 'Webhooks'),
    ).toBe('That address is private.');
  });
});
