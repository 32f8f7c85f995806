/**
 * The client's address, for per-IP rate limits. X-Forwarded-For is believed only behind a proxy we were
 * told to trust (config.trustProxy), else anyone could pick a fresh address per request.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../context';

export function clientIp(c: Context<AppEnv>): string {
  if (c.get('deps').config.trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return unmapIpv4(first);
  }
  // Only @hono/node-server supplies the socket; app.request() in tests has none.
  const env: unknown = c.env;
  const bindings = (env as { server?: unknown } | undefined)?.server ?? env;
  if (!(bindings as { incoming?: unknown } | undefined)?.incoming) return 'unknown';
  return unmapIpv4(getConnInfo(c).remote.address ?? 'unknown');
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client. */
function unmapIpv4(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}
