import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../api/http';
import { deleteMyAccount, deleteWorkspace, exportMyData, exportWorkspace } from './privacy-api';

function answer(status: number, body: string | null, headers: Record<string, string> = {}): ReturnType<typeof vi.fn> {
  const fetchMock = vi.fn(async () => new Response(body, { status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('privacy-api', () => {
  it('downloads the account export as sent, with its file name', async () => {
    const body = '{"account":{"id":"u1"}}';
    const fetchMock = answer(200, body, { 'content-disposition': 'attachment; filename="vitals-account-2026-03-09.json"' });
    await expect(exportMyData()).resolves.toEqual({ contents: body, fileName: 'vitals-account-2026-03-09.json' });
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/me/export', expect.objectContaining({ method: 'GET' }));
  });

  it('downloads the workspace export, escaping the id', async () => {
    const fetchMock = answer(200, '{}');
    await expect(exportWorkspace('t/1')).resolves.toEqual({ contents: '{}', fileName: null });
    expect(fetchMock).toHaveBeenCalledWith('/api/tenants/t%2F1/privacy/export', expect.objectContaining({ method: 'GET' }));
  });

  it('turns a refused export into an HttpError', async () => {
    answer(403, JSON.stringify({ error: { code: 'forbidden', message: 'Only an owner of this workspace can do this.' } }));
    await expect(exportWorkspace('t1')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error: unknown = await exportMyData().catch((e: unknown) => e);
    expect(error instanceof HttpError && error.offline).toBe(true);
  });

  it('sends the password to delete the account and the typed address to delete the workspace', async () => {
    const fetchMock = answer(204, null);
    await deleteMyAccount('correct horse');
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/auth/me',
      expect.objectContaining({ method: 'DELETE', body: JSON.stringify({ password: 'correct horse' }) }),
    );
    await deleteWorkspace('t1', 'acme');
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/tenants/t1',
      expect.objectContaining({ method: 'DELETE', body: JSON.stringify({ confirm: 'acme' }) }),
    );
  });

  it('refuses the last owner with the server’s code', async () => {
    answer(409, JSON.stringify({ error: { code: 'last-owner', message: 'Transfer ownership of Acme or delete it first.' } }));
    await expect(deleteMyAccount('pw')).rejects.toMatchObject({ status: 409, code: 'last-owner' });
  });
});
