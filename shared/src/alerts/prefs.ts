/**
 * A person's notification preferences: rules they do not want pushed, and quiet hours in their own time zone.
 * Muted and quiet alerts still reach the inbox; these only decide whether the phone buzzes.
 */
import * as v from 'valibot';
import { SLUG_PATTERN } from '../schemas/common';
import { alertSettingsErrors, type AlertSettingsError } from './rules';
import type { NotificationPrefs } from './types';

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = { mutedRules: [], quietHours: null };

/** As many as a tenant can have rules. */
export const MAX_MUTED_RULES = 50;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_MESSAGE = 'must be a time from 00:00 to 23:59, written HH:MM';

/**
 * A clock reader for the IANA zone, or `null` for a zone this engine does not know: the one reliable test is to
 * ask `Intl`, which throws a RangeError for an unknown name. `h23`, not `hour12: false`, which some engines
 * answer with "24" at midnight.
 */
function zoneClock(timeZone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return null;
  }
}

export function isKnownTimeZone(timeZone: string): boolean {
  return zoneClock(timeZone) !== null;
}

const quietHoursSchema = v.pipe(
  v.object(
    {
      start: v.pipe(
        v.string(`The start ${TIME_MESSAGE}.`),
        v.regex(TIME_PATTERN, `The start ${TIME_MESSAGE}.`),
      ),
      end: v.pipe(v.string(`The end ${TIME_MESSAGE}.`), v.regex(TIME_PATTERN, `The end ${TIME_MESSAGE}.`)),
      timeZone: v.pipe(
        v.string('Choose a time zone.'),
        v.maxLength(64, 'Choose a time zone from the list.'),
        v.check(isKnownTimeZone, 'Choose a time zone from the list (such as Europe/Berlin).'),
      ),
    },
    'Quiet hours need a start, an end and a time zone.',
  ),
  // Equal times would mean either "never" or "always": ask rather than guess.
  v.forward(
    v.check(
      (hours) => hours.start !== hours.end,
      'Quiet hours must end at a different time than they start.',
    ),
    ['end'],
  ),
);

export const notificationPrefsSchema = v.object(
  {
    mutedRules: v.pipe(
      v.array(
        v.pipe(
          v.string('A muted rule must be named by its id.'),
          v.regex(SLUG_PATTERN, 'A muted rule must be named by its id.'),
        ),
        'Muted rules must be a list.',
      ),
      v.maxLength(MAX_MUTED_RULES, `At most ${MAX_MUTED_RULES} rules can be muted.`),
    ),
    quietHours: v.nullable(quietHoursSchema),
  },
  'Notification preferences must be an object with muted rules and quiet hours.',
);

export type NotificationPrefsValidation =
  // `settings`, as validateAlertRuleSettings answers: one result shape for every settings form.
  | { readonly ok: true; readonly settings: NotificationPrefs }
  | { readonly ok: false; readonly errors: AlertSettingsError[] };

/** What a person's edit must pass before it is saved; never throws. */
export function validateNotificationPrefs(value: unknown): NotificationPrefsValidation {
  const result = v.safeParse(notificationPrefsSchema, value, { abortPipeEarly: true });
  return result.success
    ? { ok: true, settings: result.output }
    : { ok: false, errors: alertSettingsErrors(result.issues) };
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Minutes since local midnight in the zone; `null` for a zone this engine does not know. */
function localMinutes(now: Date, timeZone: string): number | null {
  const clock = zoneClock(timeZone);
  if (clock === null) return null;
  const parts = clock.formatToParts(now);
  const part = (type: 'hour' | 'minute'): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/**
 * Whether `now` falls in the quiet hours, in their own time zone: the start minute is quiet, the end minute is
 * not; a start later than the end spans midnight. A zone the engine does not know (saved by a device with newer
 * time-zone data) is never quiet: a notification at night is better than an alert that never arrives.
 */
export function isQuietTime(prefs: NotificationPrefs, now: Date): boolean {
  const hours = prefs.quietHours;
  if (hours === null) return false;
  const local = localMinutes(now, hours.timeZone);
  if (local === null) return false;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/** Whether to push an alert of this rule to the person now (the inbox gets it either way). */
export function shouldPush(prefs: NotificationPrefs, alert: { readonly ruleId: string }, now: Date): boolean {
  return !prefs.mutedRules.includes(alert.ruleId) && !isQuietTime(prefs, now);
}
