/**
 * Who is signed in on this device, and in which tenant. Kept in localStorage so the app starts offline
 * straight into the last tenant's local data; the server is asked to confirm in the background.
 *
 * An account with no workspace yet (just signed up, waiting for its email to be confirmed, or about to name
 * its first workspace) is not a `DeviceSession` (that always has a tenant, and every signed-in page relies on
 * it): it is the separate `pendingAccount`, stored under its own key so a reload keeps the person's place.
 * At most one of the two is set.
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

/** Signed in, but in no workspace yet: the sign-up, confirmation and first-workspace screens use it. */
export interface PendingAccount {
  readonly user: User;
  readonly tenants: readonly TenantRef[];
}

const STORAGE_KEY = 'vitals.session.v1';
const PENDING_KEY = 'vitals.account.v1';

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

function loadPending(): PendingAccount | null {
  try {
    const raw = localStorage.getItem(PENDING_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as PendingAccount;
    return parsed.user?.id && Array.isArray(parsed.tenants) ? parsed : null;
  } catch {
    return null;
  }
}

function savePending(value: PendingAccount | null): void {
  if (value) localStorage.setItem(PENDING_KEY, JSON.stringify(value));
  else localStorage.removeItem(PENDING_KEY);
}

const store = createRoot(() => {
  const [session, setSession] = createSignal<DeviceSession | null>(load());
  const [pending, setPending] = createSignal<PendingAccount | null>(session() ? null : loadPending());
  /** Set when the server says this device's session ended: data stays, writes wait, the user signs in again. */
  const [ended, setEnded] = createSignal<string | null>(null);
  return { session, setSession, pending, setPending, ended, setEnded };
});

export const session = store.session;
/** The signed-in account while it has no workspace; `null` once it has one (then see `session`). */
export const pendingAccount = store.pending;

/** Whoever is signed in on this device, with or without a workspace. */
export function signedInUser(): User | null {
  return store.session()?.user ?? store.pending()?.user ?? null;
}
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
  if (!tenantId) {
    // Signed in, but in no workspace (a new account, or one that left its last): the pending account.
    const account: PendingAccount = { user: result.user, tenants: result.tenants };
    save(null);
    savePending(account);
    store.setSession(null);
    store.setPending(account);
    store.setEnded(null);
    return null;
  }
  const next: DeviceSession = { user: result.user, tenants: result.tenants, tenantId, keepOffline: previous?.keepOffline ?? true };
  save(next);
  savePending(null);
  store.setSession(next);
  store.setPending(null);
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
  savePending(null);
  store.setSession(null);
  store.setPending(null);
  store.setEnded(null);
}

export function currentTenant(): TenantRef | null {
  const s = store.session();
  return s?.tenants.find((t) => t.id === s.tenantId) ?? null;
}
