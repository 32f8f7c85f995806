/**
 * Every request query runs here: in a transaction, as the non-superuser role vitals_app, with the
 * tenant and user set for that transaction only. Row-level security then confines it to the tenant
 * even if a query forgets its WHERE tenant_id.
 */
import type { Sql, TransactionSql } from './connect';

export interface Scope {
  readonly tenantId?: string | null;
  readonly userId?: string | null;
}

export async function withScope<T>(sql: Sql, scope: Scope, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${scope.tenantId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`;
    await tx`set local role vitals_app`;
    return fn(tx);
  }) as Promise<T>;
}
