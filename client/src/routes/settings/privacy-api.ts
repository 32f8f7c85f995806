/**
 * Privacy and data (sync-server/src/routes/privacy.ts), through the app's one HTTP module: the signed-in
 * person's own data (`/api/auth/me/export`, `DELETE /api/auth/me`) and, for an owner, the workspace's
 * (`/api/tenants/:tenantId/privacy/export`, `DELETE /api/tenants/:tenantId`).
 */
import { failure, offlineError, request, send } from '../../api/http';
import { fileNameFromDisposition } from './privacy-model';

/** A JSON download as the server sent it, byte for byte, with the name it gave (if any). */
export interface Download {
  readonly contents: string;
  /** From `content-disposition`; `null` when the header is missing or unreadable. */
  readonly fileName: string | null;
}

const tenantPath = (tenantId: string, rest = ''): string => `/api/tenants/${encodeURIComponent(tenantId)}${rest}`;

async function download(path: string): Promise<Download> {
  const response = await send(path);
  if (!response.ok) throw await failure(response);
  let contents: string;
  try {
    contents = await response.text();
  } catch {
    // The connection dropped while the file was arriving.
    throw offlineError();
  }
  return { contents, fileName: fileNameFromDisposition(response.headers.get('content-disposition')) };
}

/** Everything the server holds about the signed-in person, across their workspaces. */
export const exportMyData = (): Promise<Download> => download('/api/auth/me/export');

/** Deletes the signed-in person's account (204; the server clears the session cookie). */
export const deleteMyAccount = (password: string): Promise<unknown> =>
  request('/api/auth/me', { method: 'DELETE', body: { password } });

/** The whole workspace: members, invitations, every synced document and the audit trail (owners only). */
export const exportWorkspace = (tenantId: string): Promise<Download> => download(tenantPath(tenantId, '/privacy/export'));

/** Deletes the workspace and everything in it (owners only); `confirm` is its address (slug) typed out. */
export const deleteWorkspace = (tenantId: string, confirm: string): Promise<unknown> =>
  request(tenantPath(tenantId), { method: 'DELETE', body: { confirm } });
