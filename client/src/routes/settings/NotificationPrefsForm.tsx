/**
 * Which alerts notify me in this workspace, and quiet hours. Kept on the server (it decides what to push), so
 * this form needs the network: offline it says so and loads once the connection is back. Alerts still reach
 * the inbox whatever is chosen here.
 */
import { describeAlertRule, type AlertRule } from '@vitals/shared';
import { createEffect, createSignal, For, Show, type JSX } from 'solid-js';
import { HttpError } from '../../api/http';
import { fetchNotificationPrefs, saveNotificationPrefs } from '../../push/push-api';
import { currentTenant, session } from '../../session/session';
import {
  prefsForm,
  prefsFromForm,
  setNotify,
  timeZoneChoices,
  timeZoneLabel,
  type PrefsForm,
} from './notification-prefs-form';
import { createServerData, problemsFromDetails, serverSettingsMessage } from './server-settings';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const SUPPORTED_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const FIELD_IDS: Readonly<Record<string, string>> = {
  'quietHours.start': 'quiet-start',
  'quietHours.end': 'quiet-end',
  'quietHours.timeZone': 'quiet-zone',
};

export function NotificationPrefsForm(props: { rules: readonly AlertRule[] }): JSX.Element {
  const tenantId = (): string | null => session()?.tenantId ?? null;
  const prefs = createServerData(tenantId, (id) => fetchNotificationPrefs(id).then((r) => r.prefs));
  const [form, setForm] = createSignal<PrefsForm | null>(null);
  const [touched, setTouched] = createSignal(false);
  const [errors, setErrors] = createSignal<Readonly<Record<string, string>>>({});
  const [message, setMessage] = createSignal<{ kind: 'done' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = createSignal(false);

  // Follow what the server holds (another device may have changed it) until the person starts editing.
  createEffect(() => {
    const loaded = prefs.value();
    if (loaded && !touched()) setForm(prefsForm(loaded, BROWSER_ZONE));
  });

  const edit = (change: (f: PrefsForm) => PrefsForm): void => {
    const current = form();
    if (!current) return;
    setTouched(true);
    setMessage(null);
    setForm(change(current));
  };

  /** Problems on fields go under them; any other (too many muted rules) is said above the Save button. */
  const showProblems = (problems: readonly { path: string; message: string }[], fallback: string): void => {
    const onFields = problems.filter((p) => FIELD_IDS[p.path]);
    const elsewhere = problems.filter((p) => !FIELD_IDS[p.path]).map((p) => p.message);
    setErrors(Object.fromEntries(onFields.map((p) => [p.path, p.message])));
    if (elsewhere.length > 0 || onFields.length === 0)
      setMessage({ kind: 'error', text: elsewhere.length > 0 ? elsewhere.join(' ') : fallback });
    focusFirst(onFields.map((p) => p.path));
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const current = form();
    const id = tenantId();
    if (!current || !id) return;
    setMessage(null);
    const checked = prefsFromForm(current);
    if (!checked.ok) {
      const problems = Object.entries(checked.errors).map(([path, message]) => ({ path, message }));
      showProblems(problems, 'The notification settings could not be saved.');
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await saveNotificationPrefs(id, checked.prefs);
      prefs.set(saved.prefs);
      setTouched(false);
      setMessage({ kind: 'done', text: 'Notification settings saved.' });
    } catch (error) {
      const problems =
        error instanceof HttpError && error.status === 400 ? problemsFromDetails(error.details) : [];
      showProblems(problems, serverSettingsMessage(error, 'Notification settings'));
    } finally {
      setSaving(false);
    }
  };

  const focusFirst = (paths: readonly string[]): void => {
    const first = Object.keys(FIELD_IDS).find((path) => paths.includes(path));
    if (first) queueMicrotask(() => document.getElementById(FIELD_IDS[first]!)?.focus());
  };

  const describedBy = (path: string, hint?: string): string | undefined =>
    [hint, errors()[path] ? `${FIELD_IDS[path]}-error` : undefined].filter(Boolean).join(' ') || undefined;

  const fieldError = (path: string): JSX.Element => (
    <Show when={errors()[path]}>
      <span class="field-error" id={`${FIELD_IDS[path]}-error`}>
        <span aria-hidden="true">⚠ </span>
        {errors()[path]}
      </span>
    </Show>
  );

  return (
    <form
      class="notification-prefs"
      data-testid="notification-prefs"
      onSubmit={(e) => void save(e)}
      novalidate
    >
      <h3 id="prefs-title">What notifies me in {currentTenant()?.name ?? 'this workspace'}</h3>
      <Show when={prefs.error()}>
        <div class="warning-note" role="status" data-testid="prefs-offline">
          <p>{serverSettingsMessage(prefs.error(), 'Notification settings')}</p>
          <button class="button secondary small" type="button" onClick={() => prefs.reload()}>
            Try again
          </button>
        </div>
      </Show>
      <Show when={!prefs.error() && !form()}>
        <p class="muted">Loading your notification settings…</p>
      </Show>
      <Show when={form()}>
        {(f) => (
          <>
            <fieldset class="choice-group" disabled={saving()}>
              <legend>Alerts that notify me</legend>
              <p class="muted">
                Unticked alerts are muted: they still reach your inbox, without a notification.
              </p>
              <Show
                when={props.rules.length > 0}
                fallback={<p class="muted">This workspace has no alert rules.</p>}
              >
                <For each={props.rules}>
                  {(rule) => (
                    <label class="choice">
                      <input
                        type="checkbox"
                        checked={!f().mutedRules.includes(rule.id)}
                        onChange={(e) => {
                          const notify = e.currentTarget.checked;
                          edit((current) => setNotify(current, rule.id, notify));
                        }}
                      />
                      <span>
                        <span class="choice-label">{rule.name}</span>
                        <span class="muted choice-hint">
                          {describeAlertRule(rule)}
                          {rule.enabled
                            ? ''
                            : ' · This rule is off for the workspace, so it raises no alerts now.'}
                        </span>
                      </span>
                    </label>
                  )}
                </For>
              </Show>
            </fieldset>

            <fieldset class="choice-group quiet-hours" disabled={saving()}>
              <legend>Quiet hours</legend>
              <label class="switch-row">
                <input
                  type="checkbox"
                  checked={f().quiet}
                  aria-describedby="quiet-hint"
                  onChange={(e) => {
                    const quiet = e.currentTarget.checked;
                    edit((current) => ({ ...current, quiet }));
                  }}
                />
                <span>
                  <span class="choice-label">Pause notifications during quiet hours</span>
                  <span class="muted choice-hint" id="quiet-hint">
                    Alerts that arrive meanwhile wait in your inbox. A start later than the end spans
                    midnight.
                  </span>
                </span>
              </label>
              <Show when={f().quiet}>
                <div class="quiet-fields">
                  <div class="field">
                    <label for="quiet-start">From</label>
                    <input
                      id="quiet-start"
                      type="time"
                      value={f().start}
                      aria-invalid={errors()['quietHours.start'] ? true : undefined}
                      aria-describedby={describedBy('quietHours.start')}
                      onInput={(e) => {
                        const start = e.currentTarget.value;
                        edit((current) => ({ ...current, start }));
                      }}
                    />
                    {fieldError('quietHours.start')}
                  </div>
                  <div class="field">
                    <label for="quiet-end">To</label>
                    <input
                      id="quiet-end"
                      type="time"
                      value={f().end}
                      aria-invalid={errors()['quietHours.end'] ? true : undefined}
                      aria-describedby={describedBy('quietHours.end')}
                      onInput={(e) => {
                        const end = e.currentTarget.value;
                        edit((current) => ({ ...current, end }));
                      }}
                    />
                    {fieldError('quietHours.end')}
                  </div>
                  <div class="field quiet-zone">
                    <label for="quiet-zone">Time zone</label>
                    <select
                      id="quiet-zone"
                      value={f().timeZone}
                      aria-invalid={errors()['quietHours.timeZone'] ? true : undefined}
                      aria-describedby={describedBy('quietHours.timeZone', 'quiet-zone-hint')}
                      onChange={(e) => {
                        const timeZone = e.currentTarget.value;
                        edit((current) => ({ ...current, timeZone }));
                      }}
                    >
                      <For each={timeZoneChoices(SUPPORTED_ZONES, f().timeZone, BROWSER_ZONE)}>
                        {(zone) => <option value={zone}>{timeZoneLabel(zone)}</option>}
                      </For>
                    </select>
                    <span class="muted field-hint" id="quiet-zone-hint">
                      This device is in {timeZoneLabel(BROWSER_ZONE)}.
                    </span>
                    {fieldError('quietHours.timeZone')}
                  </div>
                </div>
              </Show>
            </fieldset>

            <p class="form-status" role="status">
              <Show when={message()}>
                {(m) => (
                  <span class={m().kind === 'done' ? 'success' : 'error'}>
                    <span aria-hidden="true">{m().kind === 'done' ? '✓ ' : '⚠ '}</span>
                    {m().text}
                  </span>
                )}
              </Show>
            </p>
            <button class="button" type="submit" disabled={saving()} data-testid="save-notification-prefs">
              {saving() ? 'Saving…' : 'Save notification settings'}
            </button>
          </>
        )}
      </Show>
    </form>
  );
}
