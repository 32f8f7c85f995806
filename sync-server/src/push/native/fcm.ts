/**
 * One message to one app through FCM HTTP v1 (`POST /v1/projects/{project}/messages:send`). The answer decides
 * what happens, as for Web Push (../send.ts): 2xx sent; 404 or an `UNREGISTERED` error gone (the caller removes
 * the token); 401 renews the access token once; 429, 5xx and network errors are retried after `Retry-After` or
 * the next backoff delay; anything else fails at once, as retrying cannot change it.
 */
import type { PushPayload } from '@vitals/shared';
import type { Logger } from '../../logger';
import type { PushAttemptOutcome } from '../../outbound/types';
import { retryAfterMs } from '../send';
import type { AccessTokens } from './access-token';

export type NativePlatform = 'android' | 'ios';

export interface FcmTarget {
  readonly token: string;
  readonly platform: NativePlatform;
}

/** apns-collapse-id may be at most 64 bytes; a longer tag is left out rather than cut into another tag. */
const MAX_COLLAPSE_ID_BYTES = 64;

export interface FcmMessageOptions {
  /** How long FCM and APNs keep an undelivered message (an alert older than a day is stale). */
  readonly ttlSeconds: number;
  readonly nowMs: number;
}

/**
 * The FCM message for a payload: a notification the system shows while the app is closed, with the payload's
 * fields as string `data` (FCM allows strings only) that the app reads when the notification is tapped
 * (client/src/push/native.ts opens `url`). Critical alerts go out at high priority, as with Web Push's Urgency.
 */
export function fcmMessage(
  target: FcmTarget,
  payload: PushPayload,
  options: FcmMessageOptions,
): Record<string, unknown> {
  const data: Record<string, string> = {
    v: String(payload.v),
    type: payload.type,
    tenantId: payload.tenantId,
    url: payload.url,
    tag: payload.tag,
    severity: payload.severity,
  };
  if (payload.alertId !== null) data.alertId = payload.alertId;
  if (payload.accountId !== null) data.accountId = payload.accountId;
  const high = payload.severity === 'critical';
  const collapse =
    Buffer.byteLength(payload.tag) <= MAX_COLLAPSE_ID_BYTES ? { 'apns-collapse-id': payload.tag } : {};
  return {
    message: {
      token: target.token,
      notification: { title: payload.title, body: payload.body },
      data,
      android: {
        priority: high ? 'high' : 'normal',
        ttl: `${options.ttlSeconds}s`,
        // Replaces the earlier notification of the same alert, like the service worker's `tag`.
        notification: { tag: payload.tag },
      },
      apns: {
        headers: {
          'apns-priority': high ? '10' : '5',
          'apns-expiration': String(Math.floor(options.nowMs / 1000) + options.ttlSeconds),
          ...collapse,
        },
        // One thread per tenant in Notification Centre.
        payload: { aps: { sound: 'default', 'thread-id': payload.tenantId } },
      },
    },
  };
}

export interface FcmSendOptions {
  /** e.g. https://fcm.googleapis.com (FCM_API_URL). */
  readonly apiUrl: string;
  readonly projectId: string;
  readonly tokens: AccessTokens;
  /** Waits before each retry; `length + 1` attempts in all. */
  readonly retryDelaysMs: readonly number[];
  readonly maxRetryAfterMs: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

export interface FcmResult {
  readonly outcome: PushAttemptOutcome;
  readonly status: number | null;
  readonly attempts: number;
}

interface Answer {
  readonly status: number | null;
  readonly retryAfter: string | null;
  /** FCM's error code (`UNREGISTERED`, `QUOTA_EXCEEDED`…), from the error details or the status. */
  readonly code: string | null;
  readonly detail: string;
}

/** `error.details[].errorCode` of FCM's google.firebase.fcm.v1.FcmError, else the RPC status. */
function errorCode(text: string): string | null {
  try {
    const body = JSON.parse(text) as {
      error?: { status?: unknown; details?: { errorCode?: unknown }[] };
    };
    const detail = body.error?.details?.find((d) => typeof d.errorCode === 'string')?.errorCode;
    if (typeof detail === 'string') return detail;
    return typeof body.error?.status === 'string' ? body.error.status : null;
  } catch {
    return null;
  }
}

async function attempt(
  message: Record<string, unknown>,
  options: FcmSendOptions,
  renew: boolean,
): Promise<Answer> {
  try {
    const accessToken = await options.tokens.get({ renew });
    const url = `${options.apiUrl}/v1/projects/${encodeURIComponent(options.projectId)}/messages:send`;
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      code: response.ok ? null : errorCode(text),
      detail: text.slice(0, 300),
    };
  } catch (error) {
    // The token exchange failing lands here too: retried like a network error.
    return {
      status: null,
      retryAfter: null,
      code: null,
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

type Verdict = 'sent' | 'gone' | 'renew' | 'retry' | 'failed';

export function fcmVerdict(status: number | null, code: string | null): Verdict {
  if (status === null || status === 429 || status >= 500) return 'retry';
  if (status >= 200 && status < 300) return 'sent';
  // The app was uninstalled or the token expired: FCM answers 404 UNREGISTERED and the token never works again.
  if (status === 404 || code === 'UNREGISTERED') return 'gone';
  if (status === 401) return 'renew';
  return 'failed';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one message until it is sent, gone, refused, or out of retries. Never throws. */
export async function sendFcm(
  message: Record<string, unknown>,
  options: FcmSendOptions,
  log: Logger,
): Promise<FcmResult> {
  let renewed = false;
  let renew = false;
  let retries = 0;
  for (let attempts = 1; ; attempts++) {
    const answer = await attempt(message, options, renew);
    renew = false;
    const verdict = fcmVerdict(answer.status, answer.code);
    if (verdict === 'sent' || verdict === 'gone')
      return { outcome: verdict, status: answer.status, attempts };
    if (verdict === 'renew' && !renewed) {
      // The cached access token was revoked or expired early: one fresh exchange, then treat it as refused.
      renewed = renew = true;
      continue;
    }
    if (verdict === 'failed' || verdict === 'renew') {
      log.warn('native push refused by FCM', {
        status: answer.status,
        code: answer.code,
        detail: answer.detail,
      });
      return { outcome: 'failed', status: answer.status, attempts };
    }
    const backoff = options.retryDelaysMs[retries++];
    if (backoff === undefined) {
      log.warn('native push failed after retries', {
        attempts,
        status: answer.status,
        detail: answer.detail,
      });
      return { outcome: 'failed', status: answer.status, attempts };
    }
    const asked = answer.status === null ? null : retryAfterMs(answer.retryAfter, Date.now());
    await sleep(asked === null ? backoff : Math.min(asked, options.maxRetryAfterMs));
  }
}
