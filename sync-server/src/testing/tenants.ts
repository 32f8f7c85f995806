/**
 * Tenants, users and memberships for tests, written straight into the database (as the connecting
 * superuser, which row-level security does not restrict), each user already signed in.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@vitals/shared';
import type { Database } from '../db/connect';
import { signIn } from './sign-in';

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The `cookie` header of a signed-in request. */
  readonly cookie: string;
}

export interface TestTenant<TKey extends string> {
  readonly id: string;
  readonly users: Record<TKey, TestUser>;
}

/** `roles` names each user of the tenant: `{ owner: 'owner', ana: 'csm' }`. */
export async function createTestTenant<TKey extends string>(
  db: Database,
  options: { name: string; roles: Record<TKey, Role>; now: Date },
): Promise<TestTenant<TKey>> {
  const id = randomUUID();
  const slug = `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 8)}`;
  await db.sql`insert into tenants (id, slug, name) values (${id}, ${slug}, ${options.name})`;
  const users = {} as Record<TKey, TestUser>;
  for (const [key, role] of Object.entries(options.roles) as [TKey, Role][]) {
    const email = `${key}.${id.slice(0, 8)}@example.test`;
    const name = `${key} of ${options.name}`;
    // No usable password: these users only ever sign in through signIn().
    const [user] = await db.sql<{ id: string }[]>`
      insert into users (email, name, password_hash) values (${email}, ${name}, '!') returning id`;
    await db.sql`insert into memberships (tenant_id, user_id, role) values (${id}, ${user!.id}, ${role})`;
    users[key] = {
      id: user!.id,
      email,
      name,
      role,
      cookie: await signIn(db, user!.id, { now: options.now }),
    };
  }
  return { id, users };
}
