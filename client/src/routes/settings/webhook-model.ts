/**
 * Webhooks in Settings as data: the add form checked before it is sent (the server checks again, and also
 * refuses private addresses), the server's refusals put on the field they are about, and endpoints and
 * deliveries in words (never by colour alone).
 */
import {
  WEBHOOK_EVENT_NAMES,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEventType,
} from '@vitals/shared';
import { HttpError } from '../../api/http';
import { problemsFromDetails, serverSettingsMessage } from './server-settings';
import type { NewWebhook } from './webhooks-api';

export interface WebhookForm {
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEventType[];
}

export type WebhookField = 'url' | 'description' | 'events' | 'form';
export type WebhookErrors = Partial<Record<WebhookField, string>>;

export const DESCRIPTION_MAX_LENGTH = 500;

/** What can be told before asking the server: the URL's shape and scheme, and at least one event. */
export function checkNewWebhook(
  form: WebhookForm,
  options: { readonly allowPrivate: boolean },
):
  { readonly ok: true; readonly input: NewWebhook } | { readonly ok: false; readonly errors: WebhookErrors } {
  const errors: WebhookErrors = {};
  const url = form.url.trim();
  let parsed: URL | null = null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!url) errors.url = 'Enter the URL your endpoint receives webhooks at.';
  else if (!parsed || !/^https?:$/.test(parsed.protocol))
    errors.url = 'Enter a full URL, such as https://example.com/webhooks/vitals.';
  else if (parsed.protocol === 'http:' && !options.allowPrivate)
    errors.url = 'Use an https:// URL: webhooks carry your data, so they are only sent encrypted.';
  else if (parsed.username || parsed.password)
    errors.url =
      'Remove the user name and password from the URL: the signature proves who sent each webhook.';
  if (form.description.trim().length > DESCRIPTION_MAX_LENGTH)
    errors.description = `Keep the description to ${DESCRIPTION_MAX_LENGTH} characters or fewer.`;
  if (form.events.length === 0) errors.events = 'Choose at least one event to send.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { url, description: form.description.trim(), events: form.events } };
}

const FIELDS: readonly WebhookField[] = ['url', 'description', 'events'];

/** A failed create or change → messages on the fields they are about; the rest on the form. */
export function webhookErrors(error: unknown): WebhookErrors {
  if (error instanceof HttpError && error.code === 'destination-refused') return { url: error.message };
  const errors: WebhookErrors = {};
  if (error instanceof HttpError && error.status === 400) {
    for (const problem of problemsFromDetails(error.details)) {
      const field = FIELDS.find((f) => problem.path === f || problem.path.startsWith(`${f}.`));
      if (field && !errors[field]) errors[field] = problem.message;
    }
  }
  return Object.keys(errors).length > 0 ? errors : { form: serverSettingsMessage(error, 'Webhooks') };
}

export function eventNames(events: readonly WebhookEventType[]): string {
  return events.map((e) => WEBHOOK_EVENT_NAMES[e] ?? e).join(', ');
}

/** "Enabled", or why not: the server disables an endpoint after repeated failures and says so. */
export function endpointState(endpoint: WebhookEndpointView): {
  readonly on: boolean;
  readonly text: string;
} {
  if (endpoint.enabled) return { on: true, text: 'Enabled' };
  return {
    on: false,
    text: endpoint.disabledReason ? `Disabled: ${endpoint.disabledReason}` : 'Disabled by an admin',
  };
}

export function failuresText(endpoint: WebhookEndpointView): string | null {
  const n = endpoint.consecutiveFailures;
  return n === 0 ? null : `${n} failed deliver${n === 1 ? 'y' : 'ies'} in a row`;
}

export const DELIVERY_STATUS_WORDS: Readonly<Record<WebhookDeliveryView['status'], string>> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/** A shape beside the word, so the status reads without colour too. */
export const DELIVERY_STATUS_MARKS: Readonly<Record<WebhookDeliveryView['status'], string>> = {
  pending: '◷',
  succeeded: '✓',
  failed: '✕',
};

/** The last attempt's answer: its HTTP status, or the error when there was no answer. */
export function lastResponse(delivery: WebhookDeliveryView): string {
  if (delivery.lastStatus !== null)
    return delivery.lastError
      ? `HTTP ${delivery.lastStatus}: ${delivery.lastError}`
      : `HTTP ${delivery.lastStatus}`;
  return delivery.lastError ?? (delivery.attempts === 0 ? 'Not sent yet' : 'No answer');
}
