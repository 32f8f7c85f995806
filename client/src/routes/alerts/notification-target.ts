/**
 * Where tapping a notification may take the app: a path of this app, never another site. Used by the
 * service worker (sw.ts), which cannot be tested in Node; kept here, beside the alert screens, so it can.
 * A push message is signed by our server, but its `url` still only ever opens one of our own pages.
 */

/**
 * The app's page for a notification's `data.url`, as an absolute URL on `origin`; the alert inbox otherwise.
 * With the notification's workspace as `?tenant=`, so the app opens that one first (App.tsx).
 */
export function notificationTarget(url: unknown, origin: string, tenantId?: unknown): string {
  const target = pageOf(url, origin);
  if (typeof tenantId === 'string' && /^[\w-]{1,64}$/.test(tenantId)) target.searchParams.set('tenant', tenantId);
  return target.href;
}

function pageOf(url: unknown, origin: string): URL {
  const fallback = new URL('/alerts', origin);
  // Only a path: `//host` and `/\host` are other sites to a browser, whatever they look like.
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\'))
    return fallback;
  try {
    const target = new URL(url, origin);
    return target.origin === origin ? target : fallback;
  } catch {
    return fallback;
  }
}

/** Whether a window's address is on this app's origin (the one to focus and navigate). */
export function isAppWindow(windowUrl: string, origin: string): boolean {
  try {
    return new URL(windowUrl).origin === origin;
  } catch {
    return false;
  }
}
