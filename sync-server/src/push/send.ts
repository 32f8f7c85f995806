/**
 * One push message to one subscription (RFC 8030): encrypted and signed by web-push's
 * `generateRequestDetails` (aes128gcm, RFC 8291; VAPID, RFC 8292), then sent with `fetch`, since web-push's own
 * sender speaks only https (DESIGN.md, "Known facts"). What the push service answers decides what happens:
 * 2xx sent; 404/410 gone (the caller removes the subscription); 429, 5xx and network errors are retried after
 * `Retry-After` or the next backoff delay; any other answer fails at once, as retrying cannot change it.
 */
import webpush from 'web-push';
import type { Logger } from '../logger';
import type { PushAttemptOutcome } from '../outbound/types';
import type { StoredSubscription } from './subscriptions';
import type { VapidKeys } from './vapid';

/** RFC 8030 §7.2: push services must accept bodies of at least 4096 bytes; larger ones may be refused (413). */
export const MAX_PUSH_BODY_BYTES = 4096;

export type Urgency = 'normal' | 'high';

export interface PushRequest {
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer>;
}

export interface BuildOptions {
  readonly vapid: VapidKeys;
  /** `mailto:` or `https:` contact for push services (VAPID `sub`). */
  readonly subject: string;
  readonly ttlSeconds: number;
  readonly urgency: Urgency;
}

/** The encrypted, signed request for `payload` (UTF-8 text); throws when the subscription's keys cannot encrypt. */
export function buildPushRequest(
  subscription: StoredSubscription,
  payload: string,
  options: BuildOptions,
): PushRequest {
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: subscription.keys },
    payload,
    {
      vapidDetails: {
        subject: options.subject,
        publicKey: options.vapid.publicKey,
        privateKey: options.vapid.privateKey,
      },
      TTL: options.ttlSeconds,
      urgency: options.urgency,
      contentEncoding: 'aes128gcm',
    },
  );
  const headers: Record<string, string> = {};
  // fetch sets Content-Length from the body itself; web-push's numeric values become header text.
  for (const [name, value] of Object.entries(details.headers)) {
    if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
  }
  return { endpoint: details.endpoint, headers, body: new Uint8Array(details.body) };
}

export interface DeliveryOptions {
  /** Waits before each retry; `length + 1` attempts in all. */
  readonly retryDelaysMs: readonly number[];
  /** Longest wait a `Retry-After` may ask for. */
  readonly maxRetryAfterMs: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

export interface DeliveryResult {
  readonly outcome: PushAttemptOutcome;
  /** The last HTTP status, `null` when the last attempt got no answer. */
  readonly status: number | null;
  readonly attempts: number;
}

type Answer =
  | { readonly status: number; readonly retryAfter: string | null; readonly detail: string }
  | { readonly status: null; readonly detail: string };
type Verdict = 'sent' | 'gone' | 'retry' | 'failed';

export function verdictOf(status: number | null): Verdict {
  if (status === null || status === 429 || status >= 500) return 'retry';
  if (status >= 200 && status < 300) return 'sent';
  if (status === 404 || status === 410) return 'gone';
  return 'failed';
}

/** `Retry-After` as milliseconds from `nowMs` (delay-seconds or an HTTP date), or `null` when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates (all three historic forms) start with a day name; Date.parse alone takes "-5" for a year.
  const at = /^[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

async function attempt(request: PushRequest, options: DeliveryOptions): Promise<Answer> {
  try {
    const response = await options.fetch(request.endpoint, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A push service never redirects; following one would send the message somewhere nobody checked.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Read to the end so the connection is free again; kept short for the log.
    const detail = (await response.text()).slice(0, 300);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), detail };
  } catch (error) {
    return {
      status: null,
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `request` until it is sent, gone, refused, or out of retries. Never throws. */
export async function deliver(
  request: PushRequest,
  options: DeliveryOptions,
  log: Logger,
): Promise<DeliveryResult> {
  for (let attempts = 1; ; attempts++) {
    const answer = await attempt(request, options);
    const verdict = verdictOf(answer.status);
    if (verdict === 'sent' || verdict === 'gone')
      return { outcome: verdict, status: answer.status, attempts };
    if (verdict === 'failed') {
      logRefusal(log, answer.status!, answer.detail);
      return { outcome: 'failed', status: answer.status, attempts };
    }
    const backoff = options.retryDelaysMs[attempts - 1];
    if (backoff === undefined) {
      log.warn('push failed after retries', { attempts, status: answer.status, detail: answer.detail });
      return { outcome: 'failed', status: answer.status, attempts };
    }
    const asked = answer.status === null ? null : retryAfterMs(answer.retryAfter, Date.now());
    await sleep(asked === null ? backoff : Math.min(asked, options.maxRetryAfterMs));
  }
}

function logRefusal(log: Logger, status: number, detail: string): void {
  if (status === 413) log.error('push payload too large for the push service', { status, detail });
  else log.warn('push refused by the push service', { status, detail });
}
