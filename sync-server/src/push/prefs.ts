/**
 * Members' notification preferences per tenant (muted rules, quiet hours): held by the server, since the
 * server decides whom to push. A member who never saved any gets `DEFAULT_NOTIFICATION_PREFS`. Both functions
 * run in a transaction scoped to the tenant (row-level security), and name the tenant as well.
 */
import { DEFAULT_NOTIFICATION_PREFS, type NotificationPrefs } from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';

/**
 * Saved preferences over the defaults: a field added to the preferences after a member saved theirs gets its
 * default instead of being missing.
 */
function withDefaults(saved: Partial<NotificationPrefs>): NotificationPrefs {
  return { ...DEFAULT_NOTIFICATION_PREFS, ...saved };
}

/** Each of `userIds`' preferences in the tenant, the defaults for those without a row. */
export async function readNotificationPrefs(
  tx: Sql | TransactionSql,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, NotificationPrefs>> {
  const unique = [...new Set(userIds)];
  const prefs = new Map(unique.map((id) => [id, DEFAULT_NOTIFICATION_PREFS]));
  if (unique.length === 0) return prefs;
  const rows = await tx<{ user_id: string; prefs: Partial<NotificationPrefs> }[]>`
    select p.user_id, p.prefs
    from notification_prefs p join unnest(${tx.array(unique)}::uuid[]) as u(id) on p.user_id = u.id
    where p.tenant_id = ${tenantId}`;
  for (const row of rows) prefs.set(row.user_id, withDefaults(row.prefs));
  return prefs;
}

/** Replaces one member's preferences (already validated); returns what a later read will give. */
export async function writeNotificationPrefs(
  tx: TransactionSql,
  input: {
    readonly tenantId: string;
    readonly userId: string;
    readonly prefs: NotificationPrefs;
    readonly now: Date;
  },
): Promise<NotificationPrefs> {
  const [row] = await tx<{ prefs: Partial<NotificationPrefs> }[]>`
    insert into notification_prefs (tenant_id, user_id, prefs, updated_at)
    values (${input.tenantId}, ${input.userId}, ${tx.json(input.prefs as never)}, ${input.now})
    on conflict (tenant_id, user_id) do update set prefs = excluded.prefs, updated_at = excluded.updated_at
    returning prefs`;
  return withDefaults(row!.prefs);
}
