/**
 * Adding a webhook endpoint: URL, description and events, checked here first and by the server (which also
 * refuses private and loopback addresses unless the operator allows them), each problem on its field.
 */
import {
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { session } from '../../session/session';
import { checkNewWebhook, DESCRIPTION_MAX_LENGTH, webhookErrors, type WebhookErrors } from './webhook-model';
import { createWebhook } from './webhooks-api';

const FIELD_IDS = {
  url: 'webhook-url',
  description: 'webhook-description',
  events: 'webhook-events',
} as const;

export function NewWebhookForm(props: {
  allowPrivate: boolean;
  onCreated: (endpoint: WebhookEndpointView, secret: string) => void;
}): JSX.Element {
  const [url, setUrl] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [events, setEvents] = createSignal<readonly WebhookEventType[]>(['alert.raised']);
  const [errors, setErrors] = createSignal<WebhookErrors>({});
  const [saving, setSaving] = createSignal(false);

  const focusFirst = (found: WebhookErrors): void => {
    const first = (['url', 'description', 'events'] as const).find((f) => found[f]);
    if (!first) return;
    // The events group is focused through its first box.
    const target =
      first === 'events'
        ? document.querySelector<HTMLInputElement>(`#${FIELD_IDS.events} input`)
        : document.getElementById(FIELD_IDS[first]);
    queueMicrotask(() => target?.focus());
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const tenantId = session()?.tenantId;
    if (!tenantId) return;
    const checked = checkNewWebhook(
      { url: url(), description: description(), events: events() },
      { allowPrivate: props.allowPrivate },
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirst(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const created = await createWebhook(tenantId, checked.input);
      setUrl('');
      setDescription('');
      setEvents(['alert.raised']);
      props.onCreated(created.endpoint, created.secret);
    } catch (failure) {
      const found = webhookErrors(failure);
      setErrors(found);
      focusFirst(found);
    } finally {
      setSaving(false);
    }
  };

  const describedBy = (field: keyof typeof FIELD_IDS, hint?: string): string | undefined =>
    [hint, errors()[field] ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: keyof typeof FIELD_IDS): JSX.Element => (
    <Show when={errors()[field]}>
      <span class="field-error" id={`${FIELD_IDS[field]}-error`}>
        <span aria-hidden="true">⚠ </span>
        {errors()[field]}
      </span>
    </Show>
  );

  return (
    <form
      class="wh-new settings-form"
      onSubmit={(e) => void submit(e)}
      novalidate
      aria-labelledby="webhook-new-title"
    >
      <h3 id="webhook-new-title">Add an endpoint</h3>
      <div class="field">
        <label for={FIELD_IDS.url}>URL</label>
        <input
          id={FIELD_IDS.url}
          type="url"
          inputmode="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="https://example.com/webhooks/vitals"
          value={url()}
          aria-invalid={errors().url ? true : undefined}
          aria-describedby={describedBy('url', 'webhook-url-hint')}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <span class="muted field-hint" id="webhook-url-hint">
          {props.allowPrivate
            ? 'This server also sends to private and local network addresses, and over plain http.'
            : 'An https:// address on the public internet: private and local network addresses are refused.'}
        </span>
        {fieldError('url')}
      </div>
      <div class="field">
        <label for={FIELD_IDS.description}>Description (optional)</label>
        <input
          id={FIELD_IDS.description}
          type="text"
          maxLength={DESCRIPTION_MAX_LENGTH}
          placeholder="e.g. CRM sync"
          value={description()}
          aria-invalid={errors().description ? true : undefined}
          aria-describedby={describedBy('description')}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        {fieldError('description')}
      </div>
      <fieldset
        class="choice-group"
        id={FIELD_IDS.events}
        aria-describedby={errors().events ? `${FIELD_IDS.events}-error` : undefined}
      >
        <legend>Events to send</legend>
        <For each={WEBHOOK_EVENT_TYPES}>
          {(type) => (
            <label class="choice">
              <input
                type="checkbox"
                value={type}
                checked={events().includes(type)}
                aria-invalid={errors().events ? true : undefined}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setEvents(WEBHOOK_EVENT_TYPES.filter((t) => (t === type ? on : events().includes(t))));
                }}
              />
              <span>
                <span class="choice-label">
                  {WEBHOOK_EVENT_NAMES[type]} <code class="wh-event-type">{type}</code>
                </span>
                <span class="muted choice-hint">{WEBHOOK_EVENT_DESCRIPTIONS[type]}</span>
              </span>
            </label>
          )}
        </For>
        {fieldError('events')}
      </fieldset>
      <Show when={errors().form}>
        <p class="error" role="alert">
          {errors().form}
        </p>
      </Show>
      <div class="button-row wh-new-actions">
        <button class="button" type="submit" disabled={saving()} data-testid="add-webhook">
          {saving() ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
    </form>
  );
}
