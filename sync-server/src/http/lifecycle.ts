/**
 * The server's phase around the app: while it starts, only liveness answers; while it stops, readiness
 * turns 503 first (so a load balancer or `docker compose` stops sending traffic) and everything else is
 * still served, so requests already on their way finish.
 */
export type Phase = 'starting' | 'serving' | 'stopping';

type Fetch<E> = (request: Request, env: E) => Response | Promise<Response>;

export const LIVENESS_PATH = '/api/health/live';
/** `/api/health` is the readiness check too (older probes and the README use it). */
export const READINESS_PATHS: readonly string[] = ['/api/health', '/api/health/', '/api/health/ready'];

const json = (body: unknown, status: number): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export function withLifecycle<E>(phase: () => Phase, app: () => Fetch<E> | null): Fetch<E> {
  return (request, env) => {
    const current = phase();
    const handler = app();
    if (current === 'serving' && handler) return handler(request, env);
    const path = new URL(request.url).pathname;
    if (path === LIVENESS_PATH) return json({ status: 'ok' }, 200);
    if (READINESS_PATHS.includes(path)) return json({ status: current }, 503);
    if (current === 'stopping' && handler) return handler(request, env);
    return json(
      { error: { code: 'starting', message: 'The server is starting; try again in a moment.' } },
      503,
    );
  };
}
