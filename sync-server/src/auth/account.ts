/** The body every successful sign-in answers with, and GET /me too. */
import type { AppDeps, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { tenantsOf, type TenantSummary } from './users';

export interface AccountBody {
  readonly user: SessionUser;
  readonly tenants: TenantSummary[];
}

export async function accountBody(deps: AppDeps, user: SessionUser): Promise<AccountBody> {
  const tenants = await withScope(deps.db.sql, { userId: user.id }, (tx) => tenantsOf(tx, user.id));
  return { user, tenants };
}
