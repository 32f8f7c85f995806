import { describe, expect, it } from 'vitest';
import { withLifecycle, type Phase } from './lifecycle';

const app = (request: Request): Response => new Response(`app: ${new URL(request.url).pathname}`);

async function answer(phase: Phase, path: string, withApp = true): Promise<[number, string]> {
  const fetch = withLifecycle(
    () => phase,
    () => (withApp ? app : null),
  );
  const res = await fetch(new Request(`http://localhost${path}`), undefined);
  return [res.status, await res.text()];
}

describe('the server lifecycle around the app', () => {
  it.each<[Phase, string, number, RegExp]>([
    ['starting', '/api/health/live', 200, /"ok"/],
    ['starting', '/api/health/ready', 503, /"starting"/],
    ['starting', '/api/health', 503, /"starting"/],
    ['starting', '/', 503, /starting/],
    ['serving', '/api/health/ready', 200, /app: \/api\/health\/ready/],
    ['serving', '/', 200, /app: \//],
    ['stopping', '/api/health/ready', 503, /"stopping"/],
    ['stopping', '/api/health', 503, /"stopping"/],
    ['stopping', '/api/health/live', 200, /"ok"/],
    // Requests that still arrive on open connections while stopping are served, not dropped.
    ['stopping', '/api/tenants/t1/sync/accounts/pull', 200, /app:/],
  ])('while %s answers %s with %d', async (phase, path, status, body) => {
    const [s, text] = await answer(phase, path);
    expect(s).toBe(status);
    expect(text).toMatch(body);
  });

  it('answers 503 before the app exists', async () => {
    expect((await answer('serving', '/', false))[0]).toBe(503);
  });
});
