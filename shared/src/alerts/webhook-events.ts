/** Outbound webhook events as Settings lists them: a label and what each one is sent for. */
import type { WebhookEventType } from './types';

export const WEBHOOK_EVENT_NAMES: Readonly<Record<WebhookEventType, string>> = {
  'alert.raised': 'Alert raised',
  'playbook_run.completed': 'Playbook run completed',
  'import.committed': 'Import committed',
};

export const WEBHOOK_EVENT_DESCRIPTIONS: Readonly<Record<WebhookEventType, string>> = {
  'alert.raised': 'An alert rule raised an alert on an account, such as an account turning red.',
  'playbook_run.completed': 'A playbook run on an account was marked completed.',
  'import.committed': 'An import of KPI data was committed, so its values are now part of the accounts.',
};
