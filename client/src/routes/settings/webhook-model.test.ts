import type { WebhookDeliveryView, WebhookEndpointView } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import {
  checkNewWebhook,
  endpointState,
  eventNames,
  failuresText,
  lastResponse,
  webhookErrors,
  type WebhookForm,
} from './webhook-model';

const form: WebhookForm = {
  url: 'https://hooks.example.com/vitals',
  description: ' CRM ',
  events: ['alert.raised'],
};
const publicOnly = { allowPrivate: false };

describe('checkNewWebhook', () => {
  it('passes a good form, trimmed', () => {
    expect(checkNewWebhook({ ...form, url: ' https://hooks.example.com/vitals ' }, publicOnly)).toEqual({
      ok: true,
      input: { url: 'https://hooks.example.com/vitals', description: 'CRM', events: ['alert.raised'] },
    });
  });

  it.each<[string, Partial<WebhookForm>, keyof ReturnType<typeof webhookErrors>, RegExp]>([
    ['no URL', { url: '  ' }, 'url', /Enter the URL/],
    ['not a URL', { url: 'hooks.example.com' }, 'url', /full URL/],
    ['another scheme', { url: 'ftp://hooks.example.com' }, 'url', /full URL/],
    ['plain http', { url: 'http://hooks.example.com' }, 'url', /https:\/\//],
    ['credentials', { url: 'https://me:secret@hooks.example.com' }, 'url', /user name and password/],
    ['no event', { events: [] }, 'events', /at least one event/],
    ['a long description', { description: 'x'.repeat(501) }, 'description', /500 characters/],
  ])('refuses %s on its field', (_, change, field, message) => {
    const result = checkNewWebhook({ ...form, ...change }, publicOnly);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(message);
  });

  it('lets plain http through where the operator allows private destinations', () => {
    expect(checkNewWebhook({ ...form, url: 'http://127.0.0.1:9000/hook' }, { allowPrivate: true }).ok).toBe(
      true,
    );
  });
});

describe('webhookErrors', () => {
  it.each<[string, unknown, ReturnType<typeof webhookErrors>]>([
    [
      'a refused destination goes on the URL',
      new HttpError(400, 'destination-refused', 'hooks.internal resolves to a private address.', {
        reason: 'private-address',
      }),
      { url: 'hooks.internal resolves to a private address.' },
    ],
    [
      'validation issues go on their fields',
      new HttpError(400, 'invalid-input', 'Choose at least one event to send.', {
        issues: [{ path: 'events', message: 'Choose at least one event to send.' }],
      }),
      { events: 'Choose at least one event to send.' },
    ],
    [
      'offline says so on the form',
      offlineError(),
      { form: expect.stringMatching(/^You are offline\. Webhooks/) as unknown as string },
    ],
    [
      'anything else keeps the server’s words',
      new HttpError(403, 'forbidden', 'Only owners and admins can manage webhooks.'),
      { form: 'Your role does not allow changing webhooks.' },
    ],
  ])('%s', (_, error, expected) => {
    expect(webhookErrors(error)).toEqual(expected);
  });
});

const endpoint: WebhookEndpointView = {
  id: 'wh-1',
  url: 'https://hooks.example.com/vitals',
  description: '',
  events: ['alert.raised', 'import.committed'],
  enabled: true,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2025-10-01T08:00:00.000Z',
};

describe('endpoint and delivery in words', () => {
  it.each<[string, Partial<WebhookEndpointView>, string, string | null]>([
    ['enabled', {}, 'Enabled', null],
    [
      'disabled after failures',
      {
        enabled: false,
        disabledReason: 'Disabled after 15 failed deliveries in a row.',
        consecutiveFailures: 15,
      },
      'Disabled: Disabled after 15 failed deliveries in a row.',
      '15 failed deliveries in a row',
    ],
    ['disabled by hand', { enabled: false }, 'Disabled by an admin', null],
    ['enabled, one failure', { consecutiveFailures: 1 }, 'Enabled', '1 failed delivery in a row'],
  ])('%s', (_, change, state, failures) => {
    expect(endpointState({ ...endpoint, ...change }).text).toBe(state);
    expect(failuresText({ ...endpoint, ...change })).toBe(failures);
  });

  it('names events as people read them', () => {
    expect(eventNames(endpoint.events)).toBe('Alert raised, Import committed');
  });

  const delivery: WebhookDeliveryView = {
    id: 'd-1',
    messageId: 'msg_1',
    eventType: 'alert.raised',
    status: 'pending',
    attempts: 0,
    lastStatus: null,
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2025-10-01T08:00:00.000Z',
    deliveredAt: null,
  };
  it.each<[string, Partial<WebhookDeliveryView>, string]>([
    ['not tried yet', {}, 'Not sent yet'],
    ['answered', { attempts: 1, lastStatus: 200, status: 'succeeded' }, 'HTTP 200'],
    [
      'answered with an error',
      { attempts: 2, lastStatus: 500, lastError: 'Internal Server Error' },
      'HTTP 500: Internal Server Error',
    ],
    ['no answer', { attempts: 3, lastError: 'Timed out after 10 s' }, 'Timed out after 10 s'],
  ])('last response: %s', (_, change, text) => {
    expect(lastResponse({ ...delivery, ...change })).toBe(text);
  });
});
