/**
 * Where the app's WebView points. The PWA calls its server with same-origin relative paths (`/api/…`) and
 * keeps its session in a same-origin cookie, so the shell loads the hosted app from the customer's Vitals
 * server (Capacitor's `server.url`) rather than the bundled copy: then `/api`, the cookie, the Origin check
 * and the service worker all work unchanged. The bundled assets stay in the package (Capacitor needs a web
 * directory) and are what loads when no server is configured, which is only good for a look at the shell.
 */
import type { CapacitorConfig } from '@capacitor/cli';

export type ServerSettings = NonNullable<CapacitorConfig['server']>;

export class ServerUrlError extends Error {
  override name = 'ServerUrlError';
}

/** Hosts where plain http is acceptable: a developer's machine or the Android emulator's alias for it. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '10.0.2.2', '[::1]']);

/**
 * Capacitor's `server` settings for `VITALS_SERVER_URL` (read at `cap sync` time, baked into the native
 * projects). Unset: the bundled assets, served by Capacitor itself on https://localhost.
 */
export function serverSettings(serverUrl: string | undefined): ServerSettings {
  // Both platforms serve the bundled assets over https, so they count as a secure context (service worker).
  const bundled: ServerSettings = { androidScheme: 'https', iosScheme: 'capacitor' };
  const text = serverUrl?.trim();
  if (!text) return bundled;
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new ServerUrlError(
      `VITALS_SERVER_URL must be the Vitals server's https:// address, not ${JSON.stringify(text)}.`,
    );
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !local)
    throw new ServerUrlError(
      `VITALS_SERVER_URL must use https:// (${url.host} is not a local address): Android and iOS block plain http outside development, and push needs a secure origin.`,
    );
  if (url.pathname !== '/' || url.search || url.hash)
    throw new ServerUrlError(
      `VITALS_SERVER_URL must be an origin such as https://vitals.example.com, without a path (${text}).`,
    );
  return {
    ...bundled,
    url: url.origin,
    // Plain http only for a development server on this machine or the emulator's host.
    cleartext: url.protocol === 'http:',
    // Links within the server stay in the app; everything else opens in the system browser.
    allowNavigation: [url.host],
  };
}
