/**
 * The server's Web Push routes, through the app's one HTTP module. Devices (`/api/push/…`) belong to the
 * person; preferences and the test message are per workspace, since rules and quiet hours are.
 */
import type { NotificationPrefs, PushDevicesView } from '@vitals/shared';
import { request } from '../api/http';

/** My devices as the server lists them: browsers and mobile apps (never an endpoint or token: bearer secrets). */
export type { PushAppView, PushDeviceView, PushDevicesView } from '@vitals/shared';

export interface PushTestResult {
  readonly sent: number;
  /** Devices whose push service said the subscription no longer exists (the server removed them). */
  readonly gone: number;
  readonly failed: number;
}

const tenantPath = (tenantId: string, rest: string): string =>
  `/api/tenants/${encodeURIComponent(tenantId)}${rest}`;

/** The server's VAPID public key (base64url), the `applicationServerKey` every subscription is made with. */
export const fetchPushKey = (): Promise<{ publicKey: string; generated: boolean }> =>
  request('/api/push/key');

export const fetchPushDevices = (): Promise<PushDevicesView> =>
  request('/api/push/subscriptions');

export const registerPushSubscription = (subscription: PushSubscriptionJSON): Promise<{ id: string }> =>
  request('/api/push/subscriptions', { method: 'POST', body: { subscription } });

export const removePushSubscription = (endpoint: string): Promise<unknown> =>
  request('/api/push/subscriptions', { method: 'DELETE', body: { endpoint } });

export const fetchNotificationPrefs = (tenantId: string): Promise<{ prefs: NotificationPrefs }> =>
  request(tenantPath(tenantId, '/push/prefs'));

export const saveNotificationPrefs = (
  tenantId: string,
  prefs: NotificationPrefs,
): Promise<{ prefs: NotificationPrefs }> =>
  request(tenantPath(tenantId, '/push/prefs'), { method: 'PUT', body: prefs });

export const sendTestNotification = (tenantId: string): Promise<PushTestResult> =>
  request(tenantPath(tenantId, '/push/test'), { method: 'POST' });
