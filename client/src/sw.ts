/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell so the app starts offline, answers navigations with the
 * cached index.html, shows push notifications (alerts), and opens the right account when one is tapped.
 */
import { parsePushPayload } from '@vitals/shared';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isAppWindow, notificationTarget } from './routes/alerts/notification-target';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every page is the single-page app; the API is never cached here (the device database is the cache).
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first install takes charge of the page that registered it at once, not at its next load, so a
// notification tapped before any reload can still navigate that window (only a controlled window can be).
// An update still waits for "Reload" (SKIP_WAITING), and that page reloads right after.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

// --- Push notifications -------------------------------------------------------------------------------

const ICON = '/icons/icon-192.png';

/** Options browsers support beyond TypeScript's lib (`renotify`: alert again when a tag is replaced). */
type ShownNotificationOptions = NotificationOptions & { renotify?: boolean };

/** What a notification carries for its click: where to go, and which alert of which workspace it was. */
interface NotificationData {
  readonly url: string;
  readonly tenantId: string | null;
  readonly alertId: string | null;
}

/**
 * Keeps the worker alive until `work` settles. Started first and handed over second: an event dispatched by
 * a test (untrusted) throws from `waitUntil`, and the work must happen all the same.
 */
function keepAlive(event: ExtendableEvent, work: Promise<unknown>): void {
  try {
    event.waitUntil(work);
  } catch {
    // A synthetic event: nothing to extend, the promise runs regardless.
  }
}

async function showPush(text: string): Promise<void> {
  const payload = parsePushPayload(text);
  if (!payload) {
    // Not ours or from a newer server. A browser shows its own "updated in the background" notice for a push
    // that shows nothing; a plain pointer to the inbox is clearer, and carries nothing from the message.
    console.warn('Vitals: a push message could not be read; showing a generic notice.');
    await self.registration.showNotification('Vitals', {
      body: 'Something needs your attention. Open Vitals to see your alerts.',
      tag: 'vitals-unreadable',
      icon: ICON,
      badge: ICON,
      data: { url: '/alerts', tenantId: null, alertId: null } satisfies NotificationData,
    });
    return;
  }
  const options: ShownNotificationOptions = {
    body: payload.body,
    tag: payload.tag,
    icon: ICON,
    badge: ICON,
    data: {
      url: payload.url,
      tenantId: payload.tenantId,
      alertId: payload.alertId,
    } satisfies NotificationData,
    // A critical alert that replaces an earlier one (same tag) alerts again; others update quietly.
    renotify: payload.severity === 'critical' && payload.tag !== '',
    requireInteraction: payload.severity === 'critical',
  };
  await self.registration.showNotification(payload.title, options);
}

self.addEventListener('push', (event) => {
  const showing = showPush(event.data?.text() ?? '').catch((failure: unknown) =>
    console.error('Vitals: showing a push notification failed', failure),
  );
  keepAlive(event, showing);
});

/** Focuses a window of the app and takes it to `target`, or opens one there. */
async function openApp(target: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const ours = windows.filter((w) => isAppWindow(w.url, self.location.origin));
  // The window the person was last in, if any: a focused one, then a visible one.
  const chosen = ours.find((w) => w.focused) ?? ours.find((w) => w.visibilityState === 'visible') ?? ours[0];
  if (chosen) {
    try {
      await chosen.focus();
    } catch {
      // Refused without a user gesture (a click dispatched by a test): navigating still works.
    }
    try {
      await chosen.navigate(target);
      return;
    } catch (failure) {
      // A window this worker does not control cannot be navigated: open one instead.
      console.warn('Vitals: could not navigate the open window', failure);
    }
  }
  await self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as Partial<NotificationData> | null;
  const opening = openApp(notificationTarget(data?.url, self.location.origin, data?.tenantId)).catch((failure: unknown) =>
    console.error('Vitals: opening the app from a notification failed', failure),
  );
  keepAlive(event, opening);
});

/**
 * `pushsubscriptionchange` as browsers fire it: Firefox may leave out both subscriptions, so neither is
 * trusted to be there (TypeScript's lib says they always are).
 */
interface SubscriptionChangeEvent extends ExtendableEvent {
  readonly oldSubscription?: PushSubscription | null;
  readonly newSubscription?: PushSubscription | null;
}

/**
 * The browser replaced (or dropped) this device's push subscription: subscribe again with the same server
 * key when it gave us no new one, and tell the server, which swaps the old endpoint for the new.
 */
async function renewSubscription(event: SubscriptionChangeEvent): Promise<void> {
  const old = event.oldSubscription ?? null;
  let fresh = event.newSubscription ?? null;
  if (!fresh) {
    const applicationServerKey = old?.options.applicationServerKey;
    if (!applicationServerKey) {
      // Without the server's key there is nothing to subscribe with; Settings offers to subscribe again.
      console.warn('Vitals: the push subscription ended and cannot be renewed here.');
      return;
    }
    fresh = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  }
  const response = await fetch('/api/push/subscriptions/renew', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ oldEndpoint: old?.endpoint ?? null, subscription: fresh.toJSON() }),
  });
  if (!response.ok) console.warn(`Vitals: renewing the push subscription answered ${response.status}.`);
}

self.addEventListener('pushsubscriptionchange', (event) => {
  const renewing = renewSubscription(event as SubscriptionChangeEvent).catch((failure: unknown) =>
    console.error('Vitals: renewing the push subscription failed', failure),
  );
  keepAlive(event, renewing);
});
