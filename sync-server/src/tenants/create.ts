/**
 * Creating a workspace (POST /api/tenants): the tenant under a free slug, the caller as its owner, the trial
 * (billing/trial.ts, as sign-up used to start it) and the owner's `members` document, so the devices of the
 * people invited later see them. Only a confirmed address may create one (auth/email-verification.ts): a
 * workspace is where other people's data goes, and invitations and billing mail go to its owner.
 *
 * The `members` document is written as team/accept.ts writes it: under the tenant's write lock (taken
 * before anything takes a seq, sync/tenant-lock.ts), with the change feed told once committed.
 */
import { randomUUID } from 'node:crypto';
import { AUTH_ERROR_CODES } from '../auth/errors';
import { createTenant } from '../auth/tenants';
import { addMembership, type TenantSummary } from '../auth/users';
import { startTrial } from '../billing/trial';
import type { AppDeps, SessionUser } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { writeDocuments } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';
import { memberDocument } from '../team/membership';
import { appendTenantAudit } from './audit';
import { publishWrites } from './publish';

export async function createWorkspace(deps: AppDeps, user: SessionUser, name: string): Promise<TenantSummary> {
  if (!user.emailVerified) {
    throw new ApiError(403, AUTH_ERROR_CODES.emailUnverified, 'Confirm your email address first: we sent you a link.');
  }
  const now = deps.now();
  const tenantId = randomUUID();
  // Scoped to the new tenant: row-level security checks the tenant and membership rows against it.
  const { tenant, written } = await withScope(deps.db.sql, { tenantId, userId: user.id }, async (tx) => {
    await lockTenantWrites(tx, tenantId);
    const { slug } = await createTenant(tx, { id: tenantId, name });
    await addMembership(tx, { tenantId, userId: user.id, role: 'owner' });
    // A new workspace tries Professional for 14 days (with billing on; otherwise it is on the default plan).
    await startTrial(tx, tenantId, now, deps.config.billing);
    const member = { id: user.id, name: user.name, email: user.email, role: 'owner' as const, managerId: null, joinedAt: now.toISOString() };
    const written = await writeDocuments(tx, { tenantId, collection: 'members', userId: user.id, documents: [memberDocument(member, false)], at: now });
    await appendTenantAudit(tx, { tenantId, userId: user.id, at: now, action: 'tenant.created', after: { name, slug } });
    return { tenant: { id: tenantId, slug, name, role: 'owner' as const }, written };
  });
  await publishWrites(deps, tenantId, [{ collection: 'members', written }]);
  return tenant;
}
