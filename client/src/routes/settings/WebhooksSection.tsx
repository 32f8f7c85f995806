/**
 * Settings → Webhooks (owners and admins): the workspace's endpoints, each with its state and delivery log,
 * and a form to add one. Endpoints live on the server (it sends the requests), so this needs the network;
 * offline it says so and loads once the connection is back.
 */
import type { WebhookEndpointView } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { currentTenant, session } from '../../session/session';
import { NewWebhookForm } from './NewWebhookForm';
import { WebhookItem } from './WebhookItem';
import { WebhookSecret } from './WebhookSecret';
import { createServerData, serverSettingsMessage } from './server-settings';
import { fetchWebhooks, type WebhookList } from './webhooks-api';
import './alerts-settings.css';

export function WebhooksSection(): JSX.Element {
  const tenantId = (): string | null => session()?.tenantId ?? null;
  const list = createServerData(tenantId, fetchWebhooks);
  const [created, setCreated] = createSignal<{ url: string; secret: string } | null>(null);

  const update = (change: (endpoints: WebhookEndpointView[]) => WebhookEndpointView[]): void => {
    const current = list.value();
    if (current) list.set({ ...current, endpoints: change(current.endpoints) } satisfies WebhookList);
  };

  return (
    <section
      class="card settings-card"
      id="webhooks"
      aria-labelledby="webhooks-title"
      data-testid="webhooks"
      tabindex="-1"
    >
      <h2 id="webhooks-title">Webhooks</h2>
      <p class="muted">
        Vitals sends an HTTP POST to each endpoint when one of its events happens in{' '}
        {currentTenant()?.name ?? 'this workspace'}, signed so the receiver can check it came from Vitals.
        Failed deliveries are retried with growing pauses; an endpoint that keeps failing is disabled.
      </p>

      <Show
        when={!list.error()}
        fallback={
          <div class="warning-note" role="status" data-testid="webhooks-offline">
            <p>{serverSettingsMessage(list.error(), 'Webhooks')}</p>
            <button class="button secondary small" type="button" onClick={() => list.reload()}>
              Try again
            </button>
          </div>
        }
      >
        <Show when={list.value()} fallback={<p class="muted">Loading webhooks…</p>}>
          {(loaded) => (
            <>
              <Show
                when={loaded().endpoints.length > 0}
                fallback={
                  <p class="wh-empty">No endpoints yet. Add one below to send events to another system.</p>
                }
              >
                <ul class="wh-list">
                  {/* Keyed by id: an endpoint that changes keeps its item (the open log, the focused button). */}
                  <For each={loaded().endpoints.map((e) => e.id)}>
                    {(id) => (
                      <Show when={loaded().endpoints.find((e) => e.id === id)}>
                        {(endpoint) => (
                          <WebhookItem
                            endpoint={endpoint()}
                            onChanged={(next) =>
                              update((all) => all.map((e) => (e.id === next.id ? next : e)))
                            }
                            onDeleted={(gone) => update((all) => all.filter((e) => e.id !== gone))}
                          />
                        )}
                      </Show>
                    )}
                  </For>
                </ul>
              </Show>
              <Show
                when={created()}
                fallback={
                  <NewWebhookForm
                    allowPrivate={loaded().allowPrivateDestinations}
                    onCreated={(endpoint, secret) => {
                      update((all) => [...all, endpoint]);
                      setCreated({ url: endpoint.url, secret });
                    }}
                  />
                }
              >
                {(shown) => (
                  <WebhookSecret url={shown().url} secret={shown().secret} onDone={() => setCreated(null)} />
                )}
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
