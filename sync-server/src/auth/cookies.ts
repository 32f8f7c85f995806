/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure
 * whenever the app is served over https, and Max-Age equal to what is left of the session.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../context';

export const SESSION_COOKIE = 'vitals_session';

function baseOptions(publicOrigin: string): { httpOnly: true; sameSite: 'Lax'; path: '/'; secure: boolean } {
  return { httpOnly: true, sameSite: 'Lax', path: '/', secure: publicOrigin.startsWith('https:') };
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const { config, now } = c.get('deps');
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now().getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { ...baseOptions(config.publicOrigin), maxAge });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  setCookie(c, SESSION_COOKIE, '', { ...baseOptions(c.get('deps').config.publicOrigin), maxAge: 0 });
}
