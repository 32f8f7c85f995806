/**
 * The server refuses this device's writes over a plan limit: which limit, that nothing is lost (the writes
 * wait on this device), and the way up — an "Upgrade" link for those who see Plan and usage, otherwise who
 * to ask. Shown under the sync indicator and on the import page after a commit.
 */
import { Show, type JSX } from 'solid-js';
import { BILLING_LINK, seesPlans } from '../billing/limits';
import type { PlanLimitRefusal } from '../db/sync-problem';
import { currentTenant } from '../session/session';
import './PlanLimitNotice.css';

export const KEPT_ON_DEVICE = 'Your changes are kept on this device and sync once the workspace has room.';
export const ASK_OWNER = 'Ask a workspace owner to upgrade.';

export function PlanLimitNotice(props: { refusal: PlanLimitRefusal; testId?: string }): JSX.Element {
  return (
    <span class="plan-limit-notice" data-testid={props.testId ?? 'sync-limit'}>
      <strong>Not synced:</strong> {props.refusal.message} {KEPT_ON_DEVICE}{' '}
      <Show when={seesPlans(currentTenant()?.role)} fallback={ASK_OWNER}>
        <a href={BILLING_LINK} data-testid="sync-limit-upgrade">
          Upgrade
        </a>
      </Show>
    </span>
  );
}
