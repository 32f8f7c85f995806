/**
 * The mobile apps' FCM registration tokens (migration 0011), one per installed app of a person. Like the Web
 * Push subscriptions (../subscriptions.ts): a token registered again moves to whoever registered it last, at
 * most MAX_APPS_PER_USER per person, and the token itself is never shown back (it is a bearer capability).
 */
import type { PushAppView } from '@vitals/shared';
import * as v from 'valibot';
import type { TransactionSql } from '../../db/connect';
import type { NativePlatform } from './fcm';

export const MAX_APPS_PER_USER = 20;
export const MAX_TOKEN_LENGTH = 4096;

export const nativeTokenSchema = v.pipe(
  v.string('The push token must be text.'),
  v.trim(),
  v.minLength(20, 'The push token is too short to be an FCM registration token.'),
  v.maxLength(MAX_TOKEN_LENGTH, `The push token is longer than ${MAX_TOKEN_LENGTH} characters.`),
  // FCM tokens are base64url-ish with a colon; nothing else belongs in one (and nothing needing escaping).
  v.regex(/^[\w:.-]+$/, 'The push token may contain only letters, digits and : . _ -'),
);

export const nativePlatformSchema = v.picklist(['android', 'ios'], 'The platform must be android or ios.');

export interface StoredNativeToken {
  readonly id: string;
  readonly userId: string;
  readonly token: string;
  readonly platform: NativePlatform;
}

export interface SaveNativeToken {
  readonly userId: string;
  readonly token: string;
  readonly platform: NativePlatform;
  readonly now: Date;
}

/** Stores the app's token for `userId` (taking it over from whoever had it); returns its id. */
export async function saveNativeToken(tx: TransactionSql, input: SaveNativeToken): Promise<string> {
  const { userId, token, platform, now } = input;
  const [row] = await tx<{ id: string }[]>`
    insert into native_push_tokens (user_id, token, platform, created_at)
    values (${userId}, ${token}, ${platform}, ${now})
    on conflict (token) do update set
      platform = excluded.platform,
      created_at = case when native_push_tokens.user_id = excluded.user_id then native_push_tokens.created_at else excluded.created_at end,
      last_success_at = case when native_push_tokens.user_id = excluded.user_id then native_push_tokens.last_success_at end,
      user_id = excluded.user_id
    returning id`;
  // Every push fans out to all of a person's apps: keep the list bounded, forgetting the least recently heard-from.
  await tx`
    delete from native_push_tokens where user_id = ${userId} and id not in (
      select id from native_push_tokens where user_id = ${userId}
      order by id = ${row!.id} desc, coalesce(last_success_at, created_at) desc, id
      limit ${MAX_APPS_PER_USER})`;
  return row!.id;
}

/** Removes the caller's own token; `false` when they have no such token. */
export async function removeNativeToken(tx: TransactionSql, userId: string, token: string): Promise<boolean> {
  const rows =
    await tx`delete from native_push_tokens where user_id = ${userId} and token = ${token} returning id`;
  return rows.length > 0;
}

/** The person's own apps as Settings lists them (never the token), oldest first. */
export async function listNativeApps(tx: TransactionSql, userId: string): Promise<PushAppView[]> {
  const rows = await tx<{ id: string; platform: NativePlatform; created_at: Date; last_success_at: Date | null }[]>`
    select id, platform, created_at, last_success_at from native_push_tokens
    where user_id = ${userId} order by created_at, id`;
  return rows.map((row) => ({
    id: row.id,
    platform: row.platform,
    createdAt: row.created_at.toISOString(),
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
  }));
}

/** Every app of these people, for sending. */
export async function nativeTokensOfUsers(
  tx: TransactionSql,
  userIds: readonly string[],
): Promise<StoredNativeToken[]> {
  if (userIds.length === 0) return [];
  const rows = await tx<{ id: string; user_id: string; token: string; platform: NativePlatform }[]>`
    select t.id, t.user_id, t.token, t.platform
    from native_push_tokens t join unnest(${tx.array([...new Set(userIds)])}::uuid[]) as u(id) on t.user_id = u.id
    order by t.user_id, t.created_at, t.id`;
  return rows.map((row) => ({ id: row.id, userId: row.user_id, token: row.token, platform: row.platform }));
}

export async function markNativeDelivered(tx: TransactionSql, id: string, at: Date): Promise<void> {
  await tx`update native_push_tokens set last_success_at = ${at} where id = ${id}`;
}

/** FCM said the token no longer exists (404/UNREGISTERED). */
export async function removeGoneNativeToken(tx: TransactionSql, id: string): Promise<void> {
  await tx`delete from native_push_tokens where id = ${id}`;
}
