/**
 * A person's notification preferences as the form shows them: one "notify me" box per alert rule (unticked =
 * muted) and optional quiet hours, and back, checked by shared/'s `validateNotificationPrefs` (the server's
 * rules too) with each problem keyed by its path (`quietHours.end`).
 */
import { validateNotificationPrefs, type NotificationPrefs } from '@vitals/shared';

export interface PrefsForm {
  readonly mutedRules: readonly string[];
  readonly quiet: boolean;
  /** `HH:MM`, as `<input type="time">` gives it. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
}

/** A night's sleep: what quiet hours start from when someone first turns them on. */
const SUGGESTED_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;

/** `browserZone`: the device's own zone, what quiet hours default to. */
export function prefsForm(prefs: NotificationPrefs, browserZone: string): PrefsForm {
  return {
    mutedRules: prefs.mutedRules,
    quiet: prefs.quietHours !== null,
    start: prefs.quietHours?.start ?? SUGGESTED_QUIET_HOURS.start,
    end: prefs.quietHours?.end ?? SUGGESTED_QUIET_HOURS.end,
    timeZone: prefs.quietHours?.timeZone ?? browserZone,
  };
}

/**
 * Ticks or unticks one rule's box. Muted ids of rules no longer listed are kept: a rule that comes back
 * under its id stays muted, as the person left it.
 */
export function setNotify(form: PrefsForm, ruleId: string, notify: boolean): PrefsForm {
  const others = form.mutedRules.filter((id) => id !== ruleId);
  return { ...form, mutedRules: notify ? others : [...others, ruleId] };
}

export type PrefsResult =
  | { readonly ok: true; readonly prefs: NotificationPrefs }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

export function prefsFromForm(form: PrefsForm): PrefsResult {
  const result = validateNotificationPrefs({
    mutedRules: form.mutedRules,
    // A browser's time input may add seconds (`22:00:00`) when its step asks for them; the server wants minutes.
    quietHours: form.quiet
      ? { start: form.start.slice(0, 5), end: form.end.slice(0, 5), timeZone: form.timeZone }
      : null,
  });
  if (result.ok) return { ok: true, prefs: result.settings };
  return { ok: false, errors: Object.fromEntries(result.errors.map((e) => [e.path, e.message])) };
}

/**
 * The zones to choose from: the engine's list (with UTC, which some engines leave out), plus the saved and
 * the device's own zone should the list lack them, in alphabetical order.
 */
export function timeZoneChoices(supported: readonly string[], ...mustInclude: readonly string[]): string[] {
  return [...new Set([...supported, 'UTC', ...mustInclude.filter(Boolean)])].sort((a, b) =>
    a.localeCompare(b),
  );
}

/** "Europe/Berlin" → "Europe / Berlin", "America/Argentina/Buenos_Aires" → "America / Argentina / Buenos Aires". */
export function timeZoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ').split('/').join(' / ');
}
