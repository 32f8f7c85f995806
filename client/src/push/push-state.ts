/**
 * What the "Notifications on this device" switch shows, from where the device stands: whether it is on,
 * whether it can be flipped, and the words beside it (the state is never told by the switch's colour alone).
 */
import { PUSH_ERROR_MESSAGES, type DevicePushStatus } from './push-subscription';

export interface PushSwitchView {
  readonly on: boolean;
  /** Flipping it can do something; otherwise the hint says why not. */
  readonly enabled: boolean;
  /** Short state beside the switch. */
  readonly state: string;
  /** What to do about it, when something stands in the way. */
  readonly hint: string | null;
}

export function pushSwitchView(
  status: DevicePushStatus | null,
  options: { readonly online: boolean } = { online: true },
): PushSwitchView {
  const view = switchViewOnline(status);
  // Either way the server must be told, so offline the switch waits, and says why.
  return options.online || !view.enabled
    ? view
    : { ...view, enabled: false, hint: PUSH_ERROR_MESSAGES.offline };
}

function switchViewOnline(status: DevicePushStatus | null): PushSwitchView {
  if (!status) return { on: false, enabled: false, state: 'Checking…', hint: null };
  if (status.support === 'unsupported')
    return {
      on: false,
      enabled: false,
      state: 'Not available in this browser',
      hint: PUSH_ERROR_MESSAGES.unsupported,
    };
  if (status.support === 'needs-install')
    return {
      on: false,
      enabled: false,
      state: 'Needs the installed app',
      hint: PUSH_ERROR_MESSAGES['needs-install'],
    };
  if (status.permission === 'denied')
    // Still subscribed after the permission was taken back: turning it off at least tells the server to stop.
    return {
      on: status.subscribed,
      enabled: status.subscribed,
      state: 'Blocked by the browser',
      hint: PUSH_ERROR_MESSAGES.denied,
    };
  if (status.subscribed && status.permission === 'granted')
    return { on: true, enabled: true, state: 'On: alerts for you arrive on this device', hint: null };
  return { on: false, enabled: true, state: 'Off', hint: null };
}

/** What a test send did, in words: where it went, and what became of devices that no longer answer. */
export function testResultText(result: { sent: number; gone: number; failed: number }): string {
  const devices = (n: number): string => `${n} device${n === 1 ? '' : 's'}`;
  if (result.sent + result.gone + result.failed === 0)
    return 'None of your devices has notifications on. Turn them on above, then send a test.';
  const parts: string[] = [];
  if (result.sent > 0)
    parts.push(`Test notification sent to ${devices(result.sent)}: it should appear within a few seconds.`);
  if (result.gone > 0)
    parts.push(
      `${devices(result.gone)} no longer accepted notifications and ${result.gone === 1 ? 'was' : 'were'} removed.`,
    );
  if (result.failed > 0)
    parts.push(`${devices(result.failed)} could not be reached; Vitals tries again with real alerts.`);
  return parts.join(' ');
}

/** "Chrome on Android" from a user agent: enough to tell one's devices apart, without a parsing library. */
/** A mobile app in the list of devices (FCM tells no model, only the platform). */
export function appName(platform: 'android' | 'ios'): string {
  return platform === 'ios' ? 'Vitals app on iPhone or iPad' : 'Vitals app on Android';
}

export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /(Chrome|CriOS)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const system = /iPhone/.test(userAgent)
    ? 'iPhone'
    : /iPad/.test(userAgent)
      ? 'iPad'
      : /Android/.test(userAgent)
        ? 'Android'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(userAgent)
            ? 'Mac'
            : /CrOS/.test(userAgent)
              ? 'ChromeOS'
              : /Linux/.test(userAgent)
                ? 'Linux'
                : null;
  return system ? `${browser} on ${system}` : browser;
}
