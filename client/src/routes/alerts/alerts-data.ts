/**
 * The alerts as the screens read them: reactive views over the local database (never the network), who may
 * do what, and acknowledging. One place, so the nav badge, the inbox, the account card and the new-alert
 * notice count and word the same alerts the same way.
 */
import { inboxAlerts, unacknowledgedCount, type AccountDoc, type AlertDoc, type Role } from '@vitals/shared';
import { createMemo, type Accessor } from 'solid-js';
import { acknowledgeStoredAlert } from '../../db/alerts';
import { currentTenant, session } from '../../session/session';
import { useTenantData, type TenantData } from '../../state/tenant-data';
import { canAcknowledgeAlerts, canSeeAllAlerts } from './inbox-model';

export interface AlertsData {
  readonly data: TenantData;
  readonly userId: Accessor<string | null>;
  readonly role: Accessor<Role | undefined>;
  /** The signed-in person's inbox (their accounts' alerts, and those escalated to them), newest first. */
  readonly mine: Accessor<AlertDoc[]>;
  /** Every alert of the workspace (of accounts on this device), newest first. */
  readonly all: Accessor<AlertDoc[]>;
  readonly unacknowledged: Accessor<number>;
  /** True once the alerts and the accounts they belong to have been read from the device. */
  readonly loaded: Accessor<boolean>;
  readonly canAcknowledge: Accessor<boolean>;
  readonly canSeeAll: Accessor<boolean>;
  readonly accountName: (accountId: string) => string;
  readonly memberName: (userId: string) => string | null;
  /** Acknowledges on this device (synced later); rejects with a message to show. */
  readonly acknowledge: (alertId: string) => Promise<void>;
}

export function createAlertsData(): AlertsData {
  const data = useTenantData();
  const userId = (): string | null => session()?.user.id ?? null;
  const role = (): Role | undefined => currentTenant()?.role;
  const accountsById = createMemo(() => new Map<string, AccountDoc>(data.accounts().map((a) => [a.id, a])));
  const membersById = createMemo(() => new Map(data.members().map((m) => [m.id, m])));
  // `undefined` for an account not on this device (deleted, or not synced yet): its alerts would link nowhere.
  const ownerOf = (accountId: string): string | null | undefined => accountsById().get(accountId)?.ownerId;
  const mine = createMemo((): AlertDoc[] => {
    const me = userId();
    if (!me) return [];
    return inboxAlerts(data.alerts(), { userId: me, ownerOf, members: data.members() });
  });
  const all = createMemo(() => data.alerts().filter((a) => ownerOf(a.accountId) !== undefined));
  const unacknowledged = createMemo(() => unacknowledgedCount(mine()));
  return {
    data,
    userId,
    role,
    mine,
    all,
    unacknowledged,
    // Which alerts are whose needs the accounts too; the KPI values (`ready`) only when there are none.
    loaded: () => data.alertsLoaded() && (data.accounts().length > 0 || data.ready()),
    canAcknowledge: () => canAcknowledgeAlerts(role()),
    canSeeAll: () => canSeeAllAlerts(role()),
    accountName: (accountId) => accountsById().get(accountId)?.name ?? 'Deleted account',
    memberName: (id) => membersById().get(id)?.name ?? null,
    acknowledge: async (alertId) => {
      const me = userId();
      if (!me) throw new Error('Sign in again to acknowledge alerts.');
      await acknowledgeStoredAlert(data.db, alertId, me);
    },
  };
}
