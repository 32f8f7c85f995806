/**
 * The alert engine: after every committed write it evaluates the tenant's alert rules for the accounts the write
 * touched, raises new alerts (de-duplicated), pushes them to their recipients and sends webhook events; every
 * minute it escalates alerts nobody acknowledged in time, and every hour it raises time-based alerts (renewals).
 *
 * Work runs in the background, one tenant at a time in write order (a queue per tenant), so a device's push is
 * answered before any of this happens, and two writes of one tenant are evaluated in the order they committed.
 * De-duplication does not rely on that order: it happens under the tenant's write lock (raise.ts), so several
 * server instances may evaluate the same write and still raise one alert.
 */
import { isEscalationDue, type AlertDoc } from '@vitals/shared';
import type { BaseDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import { todayOf } from '../assistant/tenant-data';
import { loadAlertData, readAlertRules, readMembers } from './alert-data';
import { affectedAccounts, candidatesForSweep, candidatesForWrite } from './candidates';
import { notifyEscalated, notifyRaised, type AlertContext, type NotifyDeps } from './notify';
import { escalateAlerts, raiseAlerts } from './raise';
import type { AlertEngine, PushService, WebhookService, WriteEvent } from './types';
import { webhookEventsOf } from './write-events';

export interface AlertEngineOptions {
  /** How often unacknowledged alerts are checked for escalation (default a minute). */
  readonly escalationIntervalMs?: number;
  /** How often every account is checked for time-based alerts (default an hour). */
  readonly renewalIntervalMs?: number;
  /** Ids of new alerts (tests pass deterministic ones). */
  readonly newId?: () => string;
}

export type AlertEngineDeps = BaseDeps & { readonly push: PushService; readonly webhooks: WebhookService };

const ALERTING_COLLECTIONS = new Set(['accounts', 'measurements']);

export function createAlertEngine(
  deps: AlertEngineDeps,
  options: AlertEngineOptions = {},
): AlertEngine & { start(): void; stop(): Promise<void> } {
  const queues = new Map<string, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let sweeping: Promise<void> = Promise.resolve();

  /** Runs `task` after the tenant's earlier tasks; a failure is logged and does not stop the queue. */
  function enqueue(tenantId: string, what: string, task: () => Promise<void>): void {
    const next = (queues.get(tenantId) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      deps.log.error('alert engine failed', { tenantId, what, error });
    });
    queues.set(tenantId, next);
    void next.then(() => {
      if (queues.get(tenantId) === next) queues.delete(tenantId);
    });
  }

  const sending = new Set<Promise<void>>();

  /**
   * Notifications go out beside the queue, not in it: a push service answering 429 holds its message for
   * retries (up to a minute), and the tenant's next write must not wait for that.
   */
  function send(tenantId: string, what: string, notify: () => Promise<void>): void {
    const sent = notify().catch((error: unknown) => deps.log.error('alert notification failed', { tenantId, what, error }));
    sending.add(sent);
    void sent.then(() => sending.delete(sent));
  }

  async function raiseAndNotify(tenantId: string, context: AlertContext, raise: () => Promise<AlertDoc[]>): Promise<void> {
    for (const alert of await raise()) send(tenantId, 'raised', () => notifyRaised(deps as NotifyDeps, tenantId, alert, context));
  }

  async function evaluateWrite(event: WriteEvent): Promise<void> {
    const { tenantId, collection, changes } = event;
    for (const { type, data } of webhookEventsOf(event)) await deps.webhooks.emit(tenantId, type, data);
    if (!ALERTING_COLLECTIONS.has(collection)) return;
    const data = await loadAlertData(deps.db.sql, tenantId, affectedAccounts(collection, changes));
    const candidates = candidatesForWrite(data, collection as 'accounts' | 'measurements', changes, todayOf(deps.now()));
    await raiseAndNotify(tenantId, data, () => raiseAlerts(deps, tenantId, candidates, options.newId));
  }

  async function tenantIds(): Promise<string[]> {
    // Not a request: the sweep looks at every tenant, as the seed and backups do. In a transaction, since the
    // embedded database's single connection mixes up pipelined queries outside one.
    const rows = await deps.db.sql.begin((tx) => tx<{ id: string }[]>`select id from tenants order by id`);
    return rows.map((row) => row.id);
  }

  async function escalateTenant(tenantId: string): Promise<void> {
    const now = deps.now();
    const { rules, alerts, members, accounts } = await withScope(deps.db.sql, { tenantId }, async (tx) => ({
      rules: await readAlertRules(tx, tenantId),
      alerts: (
        await tx<{ data: AlertDoc }[]>`
          select data from sync_documents
          where tenant_id = ${tenantId} and collection = 'alerts' and not deleted
            and data->>'acknowledgedAt' is null and data->>'escalatedAt' is null`
      ).map((row) => row.data),
      members: await readMembers(tx, tenantId),
      accounts: new Map(
        (
          await tx<{ id: string; name: string; owner_id: string | null }[]>`
            select id, data->>'name' as name, data->>'ownerId' as owner_id from sync_documents
            where tenant_id = ${tenantId} and collection = 'accounts' and not deleted`
        ).map((row) => [row.id, { name: row.name, ownerId: row.owner_id }]),
      ),
    }));
    const due = alerts.filter((alert) => isEscalationDue(alert, rules.escalationMinutes, now)).map((alert) => alert.id);
    const escalated = await escalateAlerts(deps, tenantId, due);
    for (const alert of escalated) send(tenantId, 'escalated', () => notifyEscalated(deps as NotifyDeps, tenantId, alert, { accounts, members }));
  }

  async function renewalsOfTenant(tenantId: string): Promise<void> {
    const data = await loadAlertData(deps.db.sql, tenantId, null);
    const candidates = candidatesForSweep(data, todayOf(deps.now()));
    await raiseAndNotify(tenantId, data, () => raiseAlerts(deps, tenantId, candidates, options.newId));
  }

  function sweepAll(kind: 'escalations' | 'renewals'): Promise<void> {
    sweeping = sweeping.then(async () => {
      for (const tenantId of await tenantIds()) {
        const task = kind === 'escalations' ? () => escalateTenant(tenantId) : () => renewalsOfTenant(tenantId);
        enqueue(tenantId, kind, task);
      }
      await idle();
    }).catch((error: unknown) => deps.log.error('alert sweep failed', { kind, error }));
    return sweeping;
  }

  async function idle(): Promise<void> {
    while (queues.size > 0 || sending.size > 0) await Promise.all([...queues.values(), ...sending]);
  }

  return {
    afterWrite(event) {
      if (event.changes.length === 0) return;
      enqueue(event.tenantId, event.collection, () => evaluateWrite(event));
    },
    async sweep() {
      await sweepAll('escalations');
      await sweepAll('renewals');
    },
    async idle() {
      await idle();
      await deps.webhooks.idle();
    },
    start() {
      timers.push(setInterval(() => void sweepAll('escalations'), options.escalationIntervalMs ?? 60_000));
      timers.push(setInterval(() => void sweepAll('renewals'), options.renewalIntervalMs ?? 3_600_000));
      for (const timer of timers) timer.unref();
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await sweeping;
      await idle();
    },
  };
}
