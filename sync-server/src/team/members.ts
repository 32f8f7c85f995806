/** Membership checks and writes the invitation flows need. The transaction must be scoped to the tenant. */
import type { Role } from '@vitals/shared';
import type { TransactionSql } from '../db/connect';

export async function isMemberByEmail(tx: TransactionSql, tenantId: string, email: string): Promise<boolean> {
  const rows = await tx`
    select 1 from memberships m join users u on u.id = m.user_id
    where m.tenant_id = ${tenantId} and u.email = ${email}`;
  return rows.length > 0;
}

/** Adds the membership; false when the user already is a member (whose role an invitation must not change). */
export async function addMemberOnce(
  tx: TransactionSql,
  input: { tenantId: string; userId: string; role: Role },
): Promise<boolean> {
  const rows = await tx`
    insert into memberships (tenant_id, user_id, role) values (${input.tenantId}, ${input.userId}, ${input.role})
    on conflict (tenant_id, user_id) do nothing
    returning user_id`;
  return rows.length === 1;
}
