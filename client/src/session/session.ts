/**
 * Who is signed in on this device, and in which tenant. Kept in localStorage so the app starts offline
 * straight into the last tenant's local data; the server is asked to confirm in the background.
 */
import { createRoot, createSignal } from 'solid-js';
import type { SignedIn, TenantRef, User } from '../api/auth';

export interface DeviceSession {
  readonly user: User;
  readonly tenants: readonly TenantRef[];
  readonly tenantId: string;
  /** "Keep offline data on this device" at sign-out. */
  readonly keepOffline: boolean;
}

const STORAGE_KEY = 'vitals.session.v1';

function load(): DeviceSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as DeviceSession;
    return parsed.user?.id && parsed.tenantId ? parsed : null;
  } catch {
    return null;
  }
}

function save(value: DeviceSession | null): void {
  if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  else localStorage.removeItem(STORAGE_KEY);
}

const store = createRoot(() => {
  const [session, setSession] = createSignal<DeviceSession | null>(load());
  /** Set when the server says this device's session ended: data stays, writes wait, the user signs in again. */
  const [ended, setEnded] = createSignal<string | null>(null);
  return { session, setSession, ended, setEnded };
});

export const session = store.session;
export const sessionEnded = store.ended;

export function markSessionEnded(code: string): void {
  if (store.session()) store.setEnded(code);
}

export function signedIn(result: SignedIn, preferredTenantId?: string): DeviceSession | null {
  const previous = store.session();
  const tenantId =
    result.tenants.find((t) => t.id === preferredTenantId)?.id ??
    result.tenants.find((t) => t.id === previous?.tenantId)?.id ??
    result.tenants[0]?.id;
  if (!tenantId) return null;
  const next: DeviceSession = { user: result.user, tenants: result.tenants, tenantId, keepOffline: previous?.keepOffline ?? true };
  save(next);
  store.setSession(next);
  store.setEnded(null);
  return next;
}

export function switchTenant(tenantId: string): void {
  const current = store.session();
  if (!current || !current.tenants.some((t) => t.id === tenantId)) return;
  const next = { ...current, tenantId };
  save(next);
  store.setSession(next);
}

export function setKeepOffline(keepOffline: boolean): void {
  const current = store.session();
  if (!current) return;
  const next = { ...current, keepOffline };
  save(next);
  store.setSession(next);
}

export function clearSession(): void {
  save(null);
  store.setSession(null);
  store.setEnded(null);
}

export function currentTenant(): TenantRef | null {
  const s = store.session();
  return s?.tenants.find((t) => t.id === s.tenantId) ?? null;
}
