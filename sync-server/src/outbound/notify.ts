/**
 * Telling people and systems about alerts: a Web Push to each recipient who wants it now (their muted rules
 * and quiet hours respected; the inbox has the alert either way), and an `alert.raised` webhook event.
 */
import {
  alertPushPayload,
  alertRecipients,
  escalationTargets,
  shouldPush,
  type AccountDoc,
  type AlertDoc,
  type MemberDoc,
} from '@vitals/shared';
import type { BaseDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import { readNotificationPrefs } from '../push/prefs';
import type { PushService, WebhookService } from './types';

export interface NotifyDeps extends Pick<BaseDeps, 'db' | 'log' | 'now'> {
  readonly push: PushService;
  readonly webhooks: WebhookService;
}

export interface AlertContext {
  readonly accounts: ReadonlyMap<string, Pick<AccountDoc, 'name' | 'ownerId'>>;
  readonly members: readonly MemberDoc[];
}

async function pushTo(deps: NotifyDeps, tenantId: string, userIds: readonly string[], alert: AlertDoc, escalated: boolean): Promise<void> {
  if (userIds.length === 0) return;
  const prefs = await withScope(deps.db.sql, { tenantId }, (tx) => readNotificationPrefs(tx, tenantId, userIds));
  const now = deps.now();
  const wanting = userIds.filter((id) => {
    const own = prefs.get(id);
    return own === undefined || shouldPush(own, alert, now);
  });
  if (wanting.length === 0) return;
  const report = await deps.push.sendToUsers(wanting, alertPushPayload(alert, tenantId, { escalated }));
  deps.log.debug('alert pushed', { tenantId, alertId: alert.id, escalated, attempts: report.attempts.length });
}

/** A newly raised alert: pushed to its recipients, and sent to the tenant's webhooks. */
export async function notifyRaised(deps: NotifyDeps, tenantId: string, alert: AlertDoc, context: AlertContext): Promise<void> {
  const account = context.accounts.get(alert.accountId);
  const recipients = alertRecipients(alert, { ownerId: account?.ownerId ?? null, members: context.members });
  await Promise.all([
    pushTo(deps, tenantId, recipients, alert, false),
    deps.webhooks.emit(tenantId, 'alert.raised', {
      alert: {
        id: alert.id,
        ruleId: alert.ruleId,
        kind: alert.kind,
        severity: alert.severity,
        title: alert.title,
        body: alert.body,
        createdAt: alert.createdAt,
      },
      account: { id: alert.accountId, name: account?.name ?? null },
    }),
  ]);
}

/** An alert nobody acknowledged in time: pushed to the owner's manager (or the fallback targets). */
export async function notifyEscalated(deps: NotifyDeps, tenantId: string, alert: AlertDoc, context: AlertContext): Promise<void> {
  const ownerId = context.accounts.get(alert.accountId)?.ownerId ?? null;
  await pushTo(deps, tenantId, escalationTargets(ownerId, context.members), alert, true);
}
