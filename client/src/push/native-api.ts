/**
 * The server's routes for the mobile apps' push tokens (sync-server/src/routes/push.ts), through the app's one
 * HTTP module. Like the browsers' subscriptions, a token belongs to the person, not to a workspace.
 */
import { request } from '../api/http';

export type NativePushPlatform = 'android' | 'ios';

export const registerNativeToken = (token: string, platform: NativePushPlatform): Promise<{ id: string }> =>
  request('/api/push/native', { method: 'POST', body: { token, platform } });

export const removeNativeToken = (token: string): Promise<unknown> =>
  request(`/api/push/native/${encodeURIComponent(token)}`, { method: 'DELETE' });
