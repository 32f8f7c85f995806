import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../api/http';
import { fetchBilling, openPortal, startCheckout } from './billing-api';

function answer(status: number, body: unknown): ReturnType<typeof vi.fn> {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('billing-api', () => {
  it('reads the workspace billing, escaping the id', async () => {
    const fetchMock = answer(200, { plan: 'free' });
    await expect(fetchBilling('t/1')).resolves.toEqual({ plan: 'free' });
    expect(fetchMock).toHaveBeenCalledWith('/api/tenants/t%2F1/billing', expect.objectContaining({ method: 'GET' }));
  });

  it('asks for a checkout of the chosen plan and for the portal', async () => {
    const fetchMock = answer(200, { url: 'https://checkout.stripe.com/c/pay/x' });
    await expect(startCheckout('t1', 'enterprise')).resolves.toEqual({ url: 'https://checkout.stripe.com/c/pay/x' });
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/tenants/t1/billing/checkout',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ plan: 'enterprise' }) }),
    );
    await openPortal('t1');
    expect(fetchMock).toHaveBeenLastCalledWith('/api/tenants/t1/billing/portal', expect.objectContaining({ method: 'POST' }));
  });

  it('turns a refusal into an HttpError and a dropped connection into "offline"', async () => {
    answer(403, { error: { code: 'forbidden', message: 'Only owners manage billing.' } });
    await expect(startCheckout('t1', 'professional')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error: unknown = await fetchBilling('t1').catch((e: unknown) => e);
    expect(error instanceof HttpError && error.offline).toBe(true);
  });
});
