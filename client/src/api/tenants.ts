/** Workspaces (`/api/tenants`): a new one for the signed-in person, and the sample data to start from. */
import { request } from './http';
import type { SignedIn, TenantRef } from './auth';

/** The caller becomes its owner; refused with 403 `email-unverified` until the address is confirmed. */
export const createWorkspace = (name: string): Promise<SignedIn & { readonly tenant: TenantRef }> =>
  request('/api/tenants', { method: 'POST', body: { name } });

/** What the sample wrote on the server; its documents then reach this device through sync. */
export interface SampleResult {
  readonly accounts: number;
  readonly documents: number;
}

/** Owner or admin; 409 `tenant-not-empty` once the workspace has data, 402 `plan-limit` past the plan. */
export const addSampleData = (tenantId: string): Promise<SampleResult> =>
  request(`/api/tenants/${encodeURIComponent(tenantId)}/sample`, { method: 'POST' });
