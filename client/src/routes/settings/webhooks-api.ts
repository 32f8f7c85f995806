/** The workspace's outbound webhooks (`/api/tenants/:tenantId/webhooks`), through the app's one HTTP module. */
import type { WebhookDeliveryView, WebhookEndpointView, WebhookEventType } from '@vitals/shared';
import { request } from '../../api/http';

const webhooksPath = (tenantId: string, rest = ''): string =>
  `/api/tenants/${encodeURIComponent(tenantId)}/webhooks${rest}`;

export interface WebhookList {
  readonly endpoints: WebhookEndpointView[];
  /** The operator allows private and loopback destinations (tests, on-premises installs). */
  readonly allowPrivateDestinations: boolean;
}

export interface NewWebhook {
  readonly url: string;
  readonly description?: string;
  readonly events: readonly WebhookEventType[];
}

export interface WebhookChange {
  readonly url?: string;
  readonly description?: string;
  readonly events?: readonly WebhookEventType[];
  readonly enabled?: boolean;
}

export const fetchWebhooks = (tenantId: string): Promise<WebhookList> => request(webhooksPath(tenantId));

/** The signing secret comes back here only: the server keeps it to sign with, and never shows it again. */
export const createWebhook = (
  tenantId: string,
  input: NewWebhook,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> =>
  request(webhooksPath(tenantId), { method: 'POST', body: input });

export const changeWebhook = (
  tenantId: string,
  id: string,
  change: WebhookChange,
): Promise<{ endpoint: WebhookEndpointView }> =>
  request(webhooksPath(tenantId, `/${encodeURIComponent(id)}`), { method: 'PATCH', body: change });

export const deleteWebhook = (tenantId: string, id: string): Promise<unknown> =>
  request(webhooksPath(tenantId, `/${encodeURIComponent(id)}`), { method: 'DELETE' });

export const fetchDeliveries = (
  tenantId: string,
  id: string,
): Promise<{ deliveries: WebhookDeliveryView[] }> =>
  request(webhooksPath(tenantId, `/${encodeURIComponent(id)}/deliveries`));
