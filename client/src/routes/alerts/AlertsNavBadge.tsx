/**
 * The nav link's unacknowledged-alerts count: a number on screen, the same in words for screen readers
 * (the link reads "Alerts, 3 unacknowledged"). Nothing at all when there is nothing to do.
 */
import { Show, type JSX } from 'solid-js';
import { badgeText, unacknowledgedInWords } from './inbox-model';
import './alerts.css';

export function AlertsNavBadge(props: { count: number }): JSX.Element {
  return (
    <Show when={props.count > 0}>
      <span class="nav-badge" data-testid="alerts-badge" aria-hidden="true">
        {badgeText(props.count)}
      </span>
      <span class="visually-hidden">{unacknowledgedInWords(props.count)}</span>
    </Show>
  );
}
