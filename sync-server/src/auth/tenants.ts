/** Creating a workspace at sign-up: a unique slug derived from its name. */
import type { TransactionSql } from '../db/connect';

/** tenants.slug must match ^[a-z0-9][a-z0-9-]{1,62}$; leave room for a "-NNN" suffix. */
const SLUG_BASE_MAX = 56;
const SLUG_FALLBACK = 'workspace';
const MAX_NUMBERED_TRIES = 50;

/** "Ärzte & Co. GmbH" → "arzte-co-gmbh". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_BASE_MAX)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : SLUG_FALLBACK;
}

/**
 * Inserts the tenant under the first free slug: `acme`, `acme-2`, `acme-3`… Other tenants are invisible
 * under row-level security, so free slugs are found by the unique index (`on conflict do nothing`), not
 * by reading. The transaction must be scoped to `id`.
 */
export async function createTenant(tx: TransactionSql, input: { id: string; name: string }): Promise<{ id: string; slug: string }> {
  const base = slugify(input.name);
  for (let n = 1; n <= MAX_NUMBERED_TRIES + 1; n++) {
    // After many taken numbers, a random suffix ends the search in one more try.
    const suffix = n === 1 ? '' : n <= MAX_NUMBERED_TRIES ? `-${n}` : `-${input.id.slice(0, 6)}`;
    const slug = `${base}${suffix}`;
    const rows = await tx`
      insert into tenants (id, slug, name) values (${input.id}, ${slug}, ${input.name.trim()})
      on conflict (slug) do nothing
      returning id`;
    if (rows.length === 1) return { id: input.id, slug };
  }
  throw new Error(`No free slug for tenant name ${JSON.stringify(input.name)}.`);
}
