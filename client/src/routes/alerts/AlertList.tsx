/** A list of alerts, shared by the inbox and the account screen's card. */
import type { AlertDoc } from '@vitals/shared';
import { createMemo, For, Show, type JSX } from 'solid-js';
import { AlertItem, type AlertItemProps } from './AlertItem';
import type { AlertsData } from './alerts-data';

export function AlertList(
  props: {
    readonly items: readonly AlertDoc[];
    readonly alerts: AlertsData;
    readonly label: string;
  } & Pick<AlertItemProps, 'headingLevel' | 'showAccount' | 'onAcknowledge'>,
): JSX.Element {
  // Keyed by id, not by document: an acknowledgement replaces the document, and the item must stay the same
  // element (keeping its focus and state) rather than be drawn anew.
  const ids = createMemo(() => props.items.map((a) => a.id), undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const byId = createMemo(() => new Map(props.items.map((a) => [a.id, a])));
  return (
    <ul class="alert-list" aria-label={props.label}>
      <For each={ids()}>
        {(id) => (
          <Show when={byId().get(id)}>
            {(alert) => (
              <AlertItem
                alert={alert()}
                alerts={props.alerts}
                headingLevel={props.headingLevel}
                showAccount={props.showAccount}
                onAcknowledge={props.onAcknowledge}
              />
            )}
          </Show>
        )}
      </For>
    </ul>
  );
}
