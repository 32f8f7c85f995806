/**
 * The devices people subscribed: one row per browser push subscription, owned by a user (not a tenant). The
 * endpoint is unique: a browser that subscribes again — after another person signed in on it — moves its
 * endpoint to the new person, since only that browser can hold it. Every function takes the transaction it
 * runs in (a request's `withScope`, or the push service's own).
 */
import type { PushDeviceView } from '@vitals/shared';
import * as v from 'valibot';
import type { TransactionSql } from '../db/connect';
import { MAX_ENDPOINT_LENGTH } from './endpoint';
import { canonicalAuthSecret, canonicalP256dh } from './keys';

/** Devices kept per person; subscribing one more forgets the one heard from least recently. */
export const MAX_DEVICES_PER_USER = 20;
const MAX_USER_AGENT_LENGTH = 500;
/** Year 9999, in ms: anything later is not a date the database can hold. */
const LATEST_EXPIRATION_MS = 253_402_300_799_999;

const keySchema = (canonical: (text: string) => string | null, message: string) =>
  v.pipe(
    v.string(message),
    v.maxLength(200, message),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const key = canonical(dataset.value);
      if (key === null) {
        addIssue({ message });
        return NEVER;
      }
      return key;
    }),
  );

/** `PushSubscription.toJSON()` as a browser sends it; keys come out canonical (unpadded base64url). */
export const pushSubscriptionSchema = v.object({
  endpoint: v.pipe(
    v.string('The push endpoint must be a URL.'),
    v.trim(),
    v.minLength(1, 'The push endpoint is missing.'),
    v.maxLength(MAX_ENDPOINT_LENGTH, `The push endpoint is longer than ${MAX_ENDPOINT_LENGTH} characters.`),
  ),
  expirationTime: v.optional(
    v.nullable(
      v.pipe(
        v.number('The expiration time must be a number of milliseconds or null.'),
        v.minValue(0, 'The expiration time must not be negative.'),
        v.maxValue(LATEST_EXPIRATION_MS, 'The expiration time is too far in the future.'),
      ),
    ),
    null,
  ),
  keys: v.object(
    {
      p256dh: keySchema(
        canonicalP256dh,
        'The p256dh key must be the base64url of a 65-byte P-256 public key.',
      ),
      auth: keySchema(canonicalAuthSecret, 'The auth secret must be the base64url of 16 bytes.'),
    },
    'The subscription keys (p256dh and auth) are missing.',
  ),
});
export type PushSubscriptionInput = v.InferOutput<typeof pushSubscriptionSchema>;

export interface StoredSubscription {
  readonly id: string;
  readonly userId: string;
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

/** A device as its person sees it (shared PushDeviceView): never the endpoint, a bearer secret of the push service. */
export type DeviceView = PushDeviceView;

export interface SaveSubscription {
  readonly userId: string;
  readonly subscription: PushSubscriptionInput;
  readonly userAgent: string | null;
  readonly now: Date;
}

/** Stores the device for `userId` (taking the endpoint over from whoever had it); returns its id. */
export async function saveSubscription(tx: TransactionSql, input: SaveSubscription): Promise<string> {
  const { userId, subscription, now } = input;
  const userAgent = input.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
  const expiration = subscription.expirationTime === null ? null : new Date(subscription.expirationTime);
  // A device that changes hands starts afresh: its history of successes was someone else's.
  const [row] = await tx<{ id: string }[]>`
    insert into push_subscriptions (user_id, endpoint, p256dh, auth, user_agent, expiration_time, created_at)
    values (${userId}, ${subscription.endpoint}, ${subscription.keys.p256dh}, ${subscription.keys.auth}, ${userAgent}, ${expiration}, ${now})
    on conflict (endpoint) do update set
      p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent,
      expiration_time = excluded.expiration_time,
      created_at = case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.created_at else excluded.created_at end,
      last_success_at = case when push_subscriptions.user_id = excluded.user_id then push_subscriptions.last_success_at end,
      user_id = excluded.user_id
    returning id`;
  await forgetSurplusDevices(tx, userId, row!.id);
  return row!.id;
}

/** Keeps a person's device list bounded: every push fans out to all of them. */
async function forgetSurplusDevices(tx: TransactionSql, userId: string, keepId: string): Promise<void> {
  await tx`
    delete from push_subscriptions where user_id = ${userId} and id not in (
      select id from push_subscriptions where user_id = ${userId}
      order by id = ${keepId} desc, coalesce(last_success_at, created_at) desc, id
      limit ${MAX_DEVICES_PER_USER})`;
}

/** Removes the caller's own device by endpoint; `false` when they have none with that endpoint. */
export async function removeSubscription(
  tx: TransactionSql,
  userId: string,
  endpoint: string,
): Promise<boolean> {
  const rows =
    await tx`delete from push_subscriptions where user_id = ${userId} and endpoint = ${endpoint} returning id`;
  return rows.length > 0;
}

/**
 * `pushsubscriptionchange`: the browser replaced a subscription. The old endpoint is dropped only when it was
 * the caller's (nobody removes another person's device), then the new one is saved.
 */
export async function renewSubscription(
  tx: TransactionSql,
  input: SaveSubscription & { readonly oldEndpoint: string | null },
): Promise<string> {
  if (input.oldEndpoint !== null && input.oldEndpoint !== input.subscription.endpoint) {
    await removeSubscription(tx, input.userId, input.oldEndpoint);
  }
  return saveSubscription(tx, input);
}

interface DeviceRow {
  id: string;
  endpoint: string;
  user_agent: string | null;
  created_at: Date;
  last_success_at: Date | null;
}

function deviceView(row: DeviceRow): DeviceView {
  return {
    id: row.id,
    endpointHost: new URL(row.endpoint).host,
    userAgent: row.user_agent,
    createdAt: row.created_at.toISOString(),
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
  };
}

export async function listDevices(tx: TransactionSql, userId: string): Promise<DeviceView[]> {
  const rows = await tx<DeviceRow[]>`
    select id, endpoint, user_agent, created_at, last_success_at from push_subscriptions
    where user_id = ${userId} order by created_at, id`;
  return rows.map(deviceView);
}

/** Every device of these people, for sending. */
export async function subscriptionsOfUsers(
  tx: TransactionSql,
  userIds: readonly string[],
): Promise<StoredSubscription[]> {
  if (userIds.length === 0) return [];
  const rows = await tx<{ id: string; user_id: string; endpoint: string; p256dh: string; auth: string }[]>`
    select s.id, s.user_id, s.endpoint, s.p256dh, s.auth
    from push_subscriptions s join unnest(${tx.array([...new Set(userIds)])}::uuid[]) as u(id) on s.user_id = u.id
    order by s.user_id, s.created_at, s.id`;
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
  }));
}

export async function markDelivered(tx: TransactionSql, subscriptionId: string, at: Date): Promise<void> {
  await tx`update push_subscriptions set last_success_at = ${at} where id = ${subscriptionId}`;
}

/** The push service said the subscription no longer exists (404/410). */
export async function removeGoneSubscription(tx: TransactionSql, subscriptionId: string): Promise<void> {
  await tx`delete from push_subscriptions where id = ${subscriptionId}`;
}
