/**
 * One endpoint's delivery log: the server's last deliveries, newest first, each with its event, status (a
 * word and a mark, not colour alone), attempts, the last answer and when. Loaded when opened, and again on
 * request: it changes while retries run.
 */
import { WEBHOOK_EVENT_NAMES, type WebhookEndpointView } from '@vitals/shared';
import { For, Show, type JSX } from 'solid-js';
import { session } from '../../session/session';
import { createServerData, serverSettingsMessage } from './server-settings';
import { formatWhen } from './format-when';
import { DELIVERY_STATUS_MARKS, DELIVERY_STATUS_WORDS, lastResponse } from './webhook-model';
import { fetchDeliveries } from './webhooks-api';

export function WebhookDeliveries(props: { endpoint: WebhookEndpointView; id: string }): JSX.Element {
  const key = (): { tenantId: string; endpointId: string } | null => {
    const tenantId = session()?.tenantId;
    return tenantId ? { tenantId, endpointId: props.endpoint.id } : null;
  };
  const log = createServerData(key, (k) =>
    fetchDeliveries(k.tenantId, k.endpointId).then((r) => r.deliveries),
  );

  return (
    <div class="wh-deliveries" id={props.id} data-testid="webhook-deliveries">
      <div class="wh-deliveries-head">
        <h4>Delivery log</h4>
        <button
          class="button secondary small"
          type="button"
          onClick={() => log.reload()}
          disabled={log.loading()}
        >
          {log.loading() ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <Show
        when={!log.error()}
        fallback={<p class="muted">{serverSettingsMessage(log.error(), 'Delivery logs')}</p>}
      >
        <Show when={log.value()} fallback={<p class="muted">Loading the log…</p>}>
          {(deliveries) => (
            <Show
              when={deliveries().length > 0}
              fallback={<p class="muted">Nothing sent yet. Deliveries appear here as events happen.</p>}
            >
              {/* Scrolls sideways on a phone: focusable so the keyboard can scroll it too. */}
              <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-label={`Delivery log of ${props.endpoint.url}`}
              >
                <table class="wh-table">
                  <caption class="visually-hidden">
                    Latest deliveries to {props.endpoint.url}, newest first
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Event</th>
                      <th scope="col">Status</th>
                      <th scope="col" class="num">
                        Attempts
                      </th>
                      <th scope="col">Last answer</th>
                      <th scope="col">Created</th>
                      <th scope="col">Delivered or next try</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={deliveries()}>
                      {(d) => (
                        <tr data-testid="webhook-delivery" data-status={d.status}>
                          <td>
                            {WEBHOOK_EVENT_NAMES[d.eventType] ?? d.eventType}
                            <span class="muted wh-message-id">{d.messageId}</span>
                          </td>
                          <td>
                            <span class={`wh-status ${d.status}`}>
                              <span aria-hidden="true">{DELIVERY_STATUS_MARKS[d.status]} </span>
                              {DELIVERY_STATUS_WORDS[d.status]}
                            </span>
                          </td>
                          <td class="num">{d.attempts}</td>
                          <td class="wh-answer">{lastResponse(d)}</td>
                          <td>{formatWhen(d.createdAt)}</td>
                          <td>
                            {d.deliveredAt
                              ? formatWhen(d.deliveredAt)
                              : d.nextAttemptAt
                                ? `Next try ${formatWhen(d.nextAttemptAt)}`
                                : '—'}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
