/**
 * Settings → Notifications, for everyone: push on this device, and which of the workspace's alert rules
 * notify me (the rules come from the device database, so the list shows offline; the choices are the
 * server's).
 */
import type { JSX } from 'solid-js';
import { NotificationPrefsForm } from './NotificationPrefsForm';
import { PushDeviceControls } from './PushDeviceControls';
import type { AlertRulesView } from './alert-rules-data';
import './alerts-settings.css';

export function NotificationsSection(props: { rules: AlertRulesView }): JSX.Element {
  return (
    <section
      class="card settings-card"
      id="notifications"
      aria-labelledby="notifications-title"
      tabindex="-1"
    >
      <h2 id="notifications-title">Notifications</h2>
      <h3>This device</h3>
      <PushDeviceControls />
      <hr />
      <NotificationPrefsForm rules={props.rules.settings().rules} />
    </section>
  );
}
