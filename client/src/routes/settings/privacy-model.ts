/**
 * The words and rules of Settings → Privacy and data, apart from the screen so each case is tested: who may
 * export or delete the workspace, what the downloaded files are called, when a typed confirmation matches,
 * and what to say when the server refuses (the last owner, a live subscription, a wrong password).
 */
import { can, type Role } from '@vitals/shared';
import type { SignedIn, TenantRef, User } from '../../api/auth';
import { HttpError } from '../../api/http';
import type { Download } from './privacy-api';

/** Exporting and deleting the workspace: what the server's `requireOwner` allows (routes/privacy.ts). */
export function canManageWorkspaceData(role: Role | null | undefined): boolean {
  return role ? can(role, 'tenant.delete') && can(role, 'billing.manage') : false;
}

/** The name the server gave a download: `attachment; filename="vitals-acme-2026-01-31.json"` → the name, without any path. */
export function fileNameFromDisposition(header: string | null): string | null {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  if (!match) return null;
  let name = match[1]!.trim();
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  return base ? base : null;
}

const day = (now: Date): string => now.toISOString().slice(0, 10);

/** What a download is saved as: the name the server gave, else one like it (`vitals-account-2026-01-31.json`). */
export function exportFileName(
  download: Pick<Download, 'fileName'>,
  what: { readonly kind: 'account' } | { readonly kind: 'workspace'; readonly slug: string },
  now: Date,
): string {
  if (download.fileName) return download.fileName;
  const subject = what.kind === 'account' ? 'account' : what.slug.replace(/[^a-z0-9-]/gi, '') || 'workspace';
  return `vitals-${subject}-${day(now)}.json`;
}

/** The server compares the typed address trimmed and in lower case (privacy/delete.ts): so does this. */
export function slugConfirmed(typed: string, slug: string): boolean {
  return typed.trim().toLowerCase() === slug.toLowerCase();
}

/** Checked before asking the server; `null` when the typed address matches. */
export function confirmationProblem(typed: string, slug: string): string | null {
  if (slugConfirmed(typed, slug)) return null;
  return typed.trim() === ''
    ? `Type the workspace's address, ${slug}, to confirm.`
    : `That is not the workspace's address. Type ${slug} to confirm.`;
}

/** Checked before asking the server; `null` when there is something to send. */
export function passwordProblem(password: string): string | null {
  return password === '' ? 'Enter your password to confirm.' : null;
}

export type PrivacyTask = 'export-account' | 'delete-account' | 'export-workspace' | 'delete-workspace';

const DOING: Record<PrivacyTask, string> = {
  'export-account': 'Exporting your data',
  'delete-account': 'Deleting your account',
  'export-workspace': 'Exporting the workspace data',
  'delete-workspace': 'Deleting the workspace',
};

export type PrivacyField = 'password' | 'confirm' | 'form';

export interface PrivacyError {
  readonly field: PrivacyField;
  readonly message: string;
  /** A live subscription stands in the way: offer Plan and usage (`BILLING_LINK`). */
  readonly billing?: true;
}

/** What to say when an export or a deletion failed, and which field it is about. */
export function privacyError(error: unknown, task: PrivacyTask): PrivacyError {
  const form = (message: string): PrivacyError => ({ field: 'form', message });
  if (!(error instanceof HttpError)) return form(`${DOING[task]} did not work. Try again in a moment.`);
  const onField: PrivacyField = task === 'delete-account' ? 'password' : task === 'delete-workspace' ? 'confirm' : 'form';
  switch (error.code) {
    case 'offline':
      return form(`${DOING[task]} needs a connection. Try again when you are back online.`);
    case 'invalid-password':
      return { field: 'password', message: 'That password is not correct. Your account was not deleted.' };
    case 'invalid-input':
    case 'confirmation-mismatch':
      return { field: onField, message: error.message };
    case 'last-owner':
      return form(
        `You are the only owner of a workspace, and a workspace always keeps an owner. ${error.message} Your account was not deleted.`,
      );
    case 'subscription-active':
      return { field: 'form', message: `${error.message} The workspace was not deleted.`, billing: true };
    case 'forbidden':
      return form('Only an owner of this workspace can do this.');
    case 'session-expired':
    case 'unauthenticated':
      return form('Your session has ended. Sign in again, then try once more.');
    default:
      return form(error.message);
  }
}

/**
 * Who is signed in once a workspace is deleted, when the server cannot be asked (`/api/auth/me`): the same
 * person with the workspaces left. `null` when none is left (the device then signs out).
 */
export function withoutWorkspace(
  known: { readonly user: User; readonly tenants: readonly TenantRef[] },
  tenantId: string,
): SignedIn | null {
  const tenants = known.tenants.filter((t) => t.id !== tenantId);
  return tenants.length > 0 ? { user: known.user, tenants } : null;
}
