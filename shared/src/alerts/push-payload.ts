/**
 * What a Web Push message carries, built on the server and read by the service worker. A push record holds at
 * most 4096 bytes after aes128gcm encryption (RFC 8291: a 16-byte tag and padding come off that), and some push
 * services take less, so the JSON is kept to MAX_PUSH_PAYLOAD_BYTES, shortening the body first and the title
 * only if it must.
 */
import * as v from 'valibot';
import { ALERT_SEVERITIES, type AlertDoc } from '../schemas/alerts';
import { idSchema } from '../schemas/common';
import { clipCodePoints, utf8ByteLength } from './text';
import type { PushPayload } from './types';

export const MAX_PUSH_PAYLOAD_BYTES = 3072;
export const PUSH_PAYLOAD_VERSION = 1;

export interface AlertPushOptions {
  /** Sent to the owner's manager because nobody acknowledged it in time. */
  readonly escalated?: boolean;
  /** The account owner's name, so the manager knows whom to ask. */
  readonly ownerName?: string;
}

function accountPath(accountId: string): string {
  return `/accounts/${encodeURIComponent(accountId)}`;
}

function escalatedBody(alert: AlertDoc, ownerName: string | undefined): string {
  const who = ownerName === undefined || ownerName.trim() === '' ? '' : ` by ${ownerName.trim()}`;
  return `Not acknowledged${who} yet. ${alert.body}`.trim();
}

export function alertPushPayload(
  alert: AlertDoc,
  tenantId: string,
  options: AlertPushOptions = {},
): PushPayload {
  const escalated = options.escalated === true;
  return {
    v: PUSH_PAYLOAD_VERSION,
    type: 'alert',
    tenantId,
    alertId: alert.id,
    accountId: alert.accountId,
    title: escalated ? `Escalated: ${alert.title}` : alert.title,
    body: escalated ? escalatedBody(alert, options.ownerName) : alert.body,
    url: accountPath(alert.accountId),
    tag: alert.dedupeKey,
    severity: alert.severity,
  };
}

/** What "Send a test notification" in Settings delivers: proof that this device receives pushes. */
export function testPushPayload(tenantId: string): PushPayload {
  return {
    v: PUSH_PAYLOAD_VERSION,
    type: 'test',
    tenantId,
    alertId: null,
    accountId: null,
    title: 'Vitals notifications are on',
    body: 'This device will show alerts about your accounts, even when Vitals is closed.',
    url: '/alerts',
    tag: 'vitals-test',
    severity: 'info',
  };
}

const fits = (payload: PushPayload): boolean =>
  utf8ByteLength(JSON.stringify(payload)) <= MAX_PUSH_PAYLOAD_BYTES;

/** The longest prefix (in code points, so no surrogate pair is split) of one field that lets the payload fit. */
function shorten(payload: PushPayload, field: 'title' | 'body'): PushPayload {
  const codePoints = Array.from(payload[field]);
  const withLength = (count: number): PushPayload => ({
    ...payload,
    [field]: clipCodePoints(codePoints, count),
  });
  let low = 0;
  let high = codePoints.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(withLength(middle))) low = middle;
    else high = middle - 1;
  }
  return withLength(low);
}

/**
 * The payload as JSON within MAX_PUSH_PAYLOAD_BYTES. Every other field is bounded by the alerts schema (ids,
 * a 200-character tag), so shortening the texts always suffices for an alert; a payload that still does not
 * fit is a programming error and throws rather than being silently dropped by the push service.
 */
export function encodePushPayload(payload: PushPayload): string {
  if (fits(payload)) return JSON.stringify(payload);
  let shortened = shorten(payload, 'body');
  if (!fits(shortened)) shortened = shorten({ ...shortened, body: '' }, 'title');
  if (!fits(shortened)) {
    throw new RangeError(
      `A push payload cannot be shortened to ${MAX_PUSH_PAYLOAD_BYTES} bytes: its other fields are too long.`,
    );
  }
  return JSON.stringify(shortened);
}

/** A path inside the app: `/accounts/x`, never `//evil.example` or `/\evil.example`, which browsers open as hosts. */
const APP_PATH = /^\/(?![/\\])[^\s\\]*$/;

const pushPayloadSchema = v.object({
  v: v.literal(PUSH_PAYLOAD_VERSION),
  type: v.picklist(['alert', 'test']),
  tenantId: idSchema,
  alertId: v.nullable(idSchema),
  accountId: v.nullable(idSchema),
  // Bounded by the whole message's size: whatever encodePushPayload sends must read back.
  title: v.pipe(v.string(), v.maxLength(MAX_PUSH_PAYLOAD_BYTES)),
  body: v.pipe(v.string(), v.maxLength(MAX_PUSH_PAYLOAD_BYTES)),
  url: v.pipe(v.string(), v.maxLength(500), v.regex(APP_PATH)),
  tag: v.pipe(v.string(), v.maxLength(200)),
  severity: v.picklist(ALERT_SEVERITIES),
});

/**
 * A push message's text → its payload, or `null` when it is not one of ours: the service worker shows nothing
 * it cannot read. Unknown extra fields (from a newer server) are ignored rather than refused.
 */
export function parsePushPayload(text: string): PushPayload | null {
  if (text.length > MAX_PUSH_PAYLOAD_BYTES * 2) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: not a message this app sent.
    return null;
  }
  const parsed = v.safeParse(pushPayloadSchema, json);
  return parsed.success ? parsed.output : null;
}
