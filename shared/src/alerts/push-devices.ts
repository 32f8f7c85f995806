/**
 * A person's devices that get push notifications, as Settings lists them (`GET /api/push/subscriptions`):
 * browsers with Web Push, and the mobile apps (FCM). Never the endpoint or the token, which are bearer
 * secrets of the push services.
 */
export interface PushDeviceView {
  readonly id: string;
  readonly endpointHost: string;
  readonly userAgent: string | null;
  readonly createdAt: string;
  readonly lastSuccessAt: string | null;
}

export interface PushAppView {
  readonly id: string;
  readonly platform: 'android' | 'ios';
  readonly createdAt: string;
  readonly lastSuccessAt: string | null;
}

export interface PushDevicesView {
  readonly subscriptions: readonly PushDeviceView[];
  readonly apps: readonly PushAppView[];
}
