/**
 * Settings → Alert rules: what raises an alert in this workspace. CS managers and above edit them (the server
 * refuses anyone else's write); everyone else reads them, so they know what their notifications mean.
 */
import { can, describeAlertRule } from '@vitals/shared';
import { For, Show, type JSX } from 'solid-js';
import { currentTenant } from '../../session/session';
import { SEVERITY_LOOK } from '../alerts/inbox-model';
import { AlertRulesEditor } from './AlertRulesEditor';
import type { AlertRulesView } from './alert-rules-data';
import './alerts-settings.css';

/** "4 hours", "90 minutes", "1 hour". */
export function durationText(minutes: number): string {
  const [value, unit] = minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

function AlertRulesSummary(props: { rules: AlertRulesView }): JSX.Element {
  return (
    <>
      <ul class="ar-summary">
        <For each={props.rules.settings().rules}>
          {(rule) => (
            <li data-testid={`alert-rule-${rule.id}`}>
              <span class="ar-summary-head">
                <span class="choice-label">{rule.name}</span>
                <span class={`pill ${rule.enabled ? 'on' : 'off'}`}>
                  <span aria-hidden="true">{rule.enabled ? '✓' : '○'}</span> {rule.enabled ? 'On' : 'Off'}
                </span>
                <span class={`status ${SEVERITY_LOOK[rule.severity].tone}`}>
                  <span class="shape" aria-hidden="true">
                    {SEVERITY_LOOK[rule.severity].shape}
                  </span>
                  {SEVERITY_LOOK[rule.severity].label}
                </span>
              </span>
              <span class="muted choice-hint">{describeAlertRule(rule)}</span>
            </li>
          )}
        </For>
      </ul>
      <p>
        Alerts nobody acknowledges within {durationText(props.rules.settings().escalationMinutes)} go to the
        account owner’s manager as well.
      </p>
      <p class="muted">Only owners, admins and CS managers can change alert rules.</p>
    </>
  );
}

export function AlertRulesSection(props: { rules: AlertRulesView }): JSX.Element {
  const canEdit = (): boolean => {
    const role = currentTenant()?.role;
    return role ? can(role, 'alerts.rules') : false;
  };
  return (
    <section
      class="card settings-card"
      id="alert-rules"
      aria-labelledby="alert-rules-title"
      data-testid="alert-rules"
      tabindex="-1"
    >
      <h2 id="alert-rules-title">Alert rules</h2>
      <p class="muted ar-intro">
        When Vitals raises an alert on an account of {currentTenant()?.name ?? 'this workspace'}. Alerts go to
        the account’s owner: to their inbox on every device, and as a notification where they turned those on.
      </p>
      <Show when={canEdit()} fallback={<AlertRulesSummary rules={props.rules} />}>
        <AlertRulesEditor rules={props.rules} />
      </Show>
    </section>
  );
}
