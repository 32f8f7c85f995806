/**
 * What a server-side import needs to know about a tenant: the tenant itself, the person importing, and the
 * current documents the import is compared with (accounts, KPI months, members).
 */
import { can, isRole, type AccountDoc, type ExistingMember, type MeasurementDoc, type Role } from '@vitals/shared';
import type { Sql, TransactionSql } from '../db/connect';
import { ImportError } from './errors';

export interface TenantRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

/**
 * The tenant with this slug. Runs on the admin connection, like the other database commands: row-level
 * security only shows a tenant to a scope that already knows its id or one of its members.
 */
export async function findTenant(sql: Sql, slug: string): Promise<TenantRef> {
  const [tenant] = await sql<TenantRef[]>`select id, slug, name from tenants where slug = ${slug}`;
  if (tenant) return tenant;
  const others = await sql<{ slug: string }[]>`select slug from tenants order by slug limit 20`;
  const known = others.length > 0 ? ` Tenants here: ${others.map((t) => t.slug).join(', ')}.` : ' This database has no tenants yet.';
  throw new ImportError('unknown-tenant', `No tenant has the slug "${slug}".${known}`);
}

export interface Importer {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
}

/** Who commits the import: the member with this email, or the tenant's first owner. Must be allowed to import. */
export async function findImporter(sql: Sql, tenant: TenantRef, email?: string): Promise<Importer> {
  const rows = email
    ? await sql<{ id: string; email: string; role: string }[]>`
        select u.id, u.email, m.role from memberships m join users u on u.id = m.user_id
        where m.tenant_id = ${tenant.id} and u.email = ${email.trim().toLowerCase()}`
    : await sql<{ id: string; email: string; role: string }[]>`
        select u.id, u.email, m.role from memberships m join users u on u.id = m.user_id
        where m.tenant_id = ${tenant.id} and m.role = 'owner'
        order by m.created_at, u.email limit 1`;
  const [row] = rows;
  if (!row) {
    throw email
      ? new ImportError('unknown-user', `${email} is not a member of ${tenant.name} (${tenant.slug}).`)
      : new ImportError('unknown-user', `${tenant.name} (${tenant.slug}) has no owner: name the importing member with --as <email>.`);
  }
  if (!isRole(row.role)) throw new Error(`Membership of ${row.email} in ${tenant.slug} has an unknown role "${row.role}".`);
  if (!can(row.role, 'imports.commit')) {
    throw new ImportError('forbidden', `${row.email} is a ${row.role} of ${tenant.name}; importing takes an owner, admin or CS manager.`);
  }
  return { id: row.id, email: row.email, role: row.role };
}

export interface TenantDocuments {
  /** Tombstones included: the import matches live accounts only, but writes over deleted month documents. */
  readonly accounts: AccountDoc[];
  readonly measurements: MeasurementDoc[];
  readonly members: ExistingMember[];
}

type Row = { id: string; data: Record<string, unknown>; deleted: boolean };

const asDocument = <T>(row: Row): T => ({ ...row.data, id: row.id, _deleted: row.deleted }) as T;

/**
 * The tenant's accounts, KPI months and members, read in the caller's scoped transaction. Members are the
 * `members` documents (what a device matches an owner against) and, beside them, every member of the
 * tenant by their user account, so an owner written as a colleague's email matches even where no member
 * document was written for them.
 */
export async function readTenantDocuments(tx: TransactionSql, tenantId: string): Promise<TenantDocuments> {
  const rows = await tx<(Row & { collection: string })[]>`
    select collection, id, data, deleted from sync_documents
    where tenant_id = ${tenantId} and collection in ('accounts', 'measurements', 'members')`;
  const accounts: AccountDoc[] = [];
  const measurements: MeasurementDoc[] = [];
  const members = new Map<string, ExistingMember>();
  for (const row of rows) {
    if (row.collection === 'accounts') accounts.push(asDocument(row));
    else if (row.collection === 'measurements') measurements.push(asDocument(row));
    else {
      const member = asDocument<ExistingMember>(row);
      members.set(member.id, { id: member.id, name: member.name, email: member.email, _deleted: member._deleted });
    }
  }
  const users = await tx<{ id: string; name: string; email: string }[]>`
    select u.id, u.name, u.email from memberships m join users u on u.id = m.user_id where m.tenant_id = ${tenantId}`;
  for (const user of users) if (!members.has(user.id)) members.set(user.id, { ...user, _deleted: false });
  return { accounts, measurements, members: [...members.values()] };
}
