/**
 * The alert, notification and webhook contract shared by the device, the server and their tests: rule
 * settings, what evaluation looks at, what a push carries, per-user preferences, and the webhook views the
 * server's routes answer with. Rules and numbers live in the modules beside this one.
 */
import type { HealthStatus } from '../health/health';
import type { KpiId, KpiValues } from '../kpi/catalog';
import type { PlaybookId } from '../playbooks/definitions';
import type { Operator } from '../playbooks/triggers';
import type { AlertSeverity } from '../schemas/alerts';
import type { IsoDate, Month } from '../units';

/** The settings document (collection `settings`) that holds a tenant's alert rules. */
export const ALERT_RULES_SETTINGS_ID = 'alert-rules';

export const ALERT_RULE_KINDS = ['status-red', 'score-drop', 'kpi-threshold', 'playbook-trigger', 'renewal-due'] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

interface RuleBase {
  /** Stable slug: alerts name it (`ruleId`), preferences mute it. */
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly severity: AlertSeverity;
}
export type AlertRule =
  | (RuleBase & { readonly kind: 'status-red' })
  /** The score fell by at least `points` from the previous month's. */
  | (RuleBase & { readonly kind: 'score-drop'; readonly points: number })
  /** The KPI's latest value newly satisfies `value <operator> threshold`. */
  | (RuleBase & { readonly kind: 'kpi-threshold'; readonly kpiId: KpiId; readonly operator: Operator; readonly threshold: number })
  /** A playbook's trigger newly fires (`playbookId` null: any playbook), unless a run of it is active. */
  | (RuleBase & { readonly kind: 'playbook-trigger'; readonly playbookId: PlaybookId | null })
  /** Renewal within `days` days while the status is not green. */
  | (RuleBase & { readonly kind: 'renewal-due'; readonly days: number });

export interface AlertRuleSettings {
  readonly rules: readonly AlertRule[];
  /** Minutes an alert may stay unacknowledged before it escalates to the owner's manager. */
  readonly escalationMinutes: number;
}

/** What the rules look at for one account: its latest month with data, as of one moment. */
export interface AccountAlertState {
  readonly accountId: string;
  readonly accountName: string;
  readonly ownerId: string | null;
  /** The latest month with any value; `null` for an account without data. */
  readonly month: Month | null;
  readonly status: HealthStatus;
  readonly score: number | null;
  /** The score of the month before `month` (the calendar month), when it has one. */
  readonly previousScore: number | null;
  readonly values: KpiValues;
  readonly renewalDate: IsoDate | null;
  /** Days from `today` to the renewal date; negative once it has passed. */
  readonly daysToRenewal: number | null;
  /** Playbooks whose trigger fires for the latest month, those with an active run left out. */
  readonly firedPlaybooks: readonly PlaybookId[];
}

/** An alert the rules raise: the server turns it into an `alerts` document unless its `dedupeKey` exists. */
export interface AlertCandidate {
  readonly ruleId: string;
  readonly kind: AlertRuleKind;
  readonly accountId: string;
  readonly title: string;
  readonly body: string;
  readonly severity: AlertSeverity;
  readonly dedupeKey: string;
}

/** What a Web Push message carries (JSON, within MAX_PUSH_PAYLOAD_BYTES); the service worker shows it. */
export interface PushPayload {
  readonly v: 1;
  readonly type: 'alert' | 'test';
  readonly tenantId: string;
  readonly alertId: string | null;
  readonly accountId: string | null;
  readonly title: string;
  readonly body: string;
  /** Path the notification opens, e.g. `/accounts/<id>`. */
  readonly url: string;
  /** Replaces an earlier notification with the same tag (the alert's dedupe key). */
  readonly tag: string;
  readonly severity: AlertSeverity;
}

/** A user's notification preferences in one tenant (server-held: the server decides what to push). */
export interface NotificationPrefs {
  /** Rule ids whose alerts are not pushed to this user (they still reach the inbox). */
  readonly mutedRules: readonly string[];
  /** Local times `HH:MM`; `start` later than `end` spans midnight. `null`: no quiet hours. */
  readonly quietHours: { readonly start: string; readonly end: string; readonly timeZone: string } | null;
}

export const WEBHOOK_EVENT_TYPES = ['alert.raised', 'playbook_run.completed', 'import.committed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A webhook endpoint as the server's routes describe it (never its secret, except once at creation). */
export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEventType[];
  readonly enabled: boolean;
  /** Why it was disabled (e.g. after repeated failures), or `null`. */
  readonly disabledReason: string | null;
  readonly consecutiveFailures: number;
  readonly createdAt: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveryView {
  readonly id: string;
  /** The Standard Webhooks `webhook-id` (the same on every retry). */
  readonly messageId: string;
  readonly eventType: WebhookEventType;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  /** HTTP status of the last attempt, `null` when it got no answer. */
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}
