/**
 * What the UI always shows about sync: online or not, how many local writes wait to be pushed (kept
 * across reloads, so an offline restart still shows them), when the device last heard from the server,
 * the last error in words, and whether the server refuses this device's writes over a plan limit.
 */
import { createRoot, createSignal } from 'solid-js';
import { syncProblem, type PlanLimitRefusal } from './sync-problem';

const PENDING_KEY = 'vitals.pending.v1';

function loadPending(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export const syncStatus = createRoot(() => {
  const pendingIds = loadPending();
  const [online, setOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine);
  const [pending, setPending] = createSignal(pendingIds.size);
  // Bumped on every change of the set, so a screen asking about one document re-reads it.
  const [pendingVersion, setPendingVersion] = createSignal(0);
  /**
   * The server answered. A response that was already on its way when the connection dropped must not undo
   * the browser's "offline" (the screen would say Online with no network), so that one is believed first.
   */
  const reachedServer = (): void => {
    if (typeof navigator === 'undefined' || navigator.onLine) setOnline(true);
  };
  const [lastSynced, setLastSynced] = createSignal<Date | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  // Per collection: a refused collection keeps its writes (and its refusal) until one of its pushes goes
  // through, whatever the other collections do meanwhile.
  const refusals = new Map<string, PlanLimitRefusal>();
  const [limitRefusal, setLimitRefusal] = createSignal<PlanLimitRefusal | null>(null, {
    equals: (a, b) => a?.message === b?.message && a?.details?.upgradeTo === b?.details?.upgradeTo,
  });
  const showRefusals = (): void => {
    setLimitRefusal([...refusals.values()].at(-1) ?? null);
  };
  const accepted = (collection: string): void => {
    if (refusals.delete(collection)) showRefusals();
  };

  // An import marks thousands of documents in one loop (and their pushes confirm as many): the count updates at
  // once, the stored list once per turn of the event loop instead of once per document.
  let saveQueued = false;
  const persist = (): void => {
    setPending(pendingIds.size);
    setPendingVersion((v) => v + 1);
    if (saveQueued) return;
    saveQueued = true;
    queueMicrotask(() => {
      saveQueued = false;
      localStorage.setItem(PENDING_KEY, JSON.stringify([...pendingIds]));
    });
  };

  return {
    online,
    pending,
    lastSynced,
    error,
    /** The server refuses pushes over a plan limit (the writes wait on this device); `null` when it does not. */
    limitRefusal,
    setOnline,
    /** Whether this document has a local change the server has not confirmed yet (reactive). */
    isPending(collection: string, id: string): boolean {
      pendingVersion();
      return pendingIds.has(`${collection}/${id}`);
    },
    /** A local write that the server has not confirmed yet. */
    wrote(collection: string, id: string): void {
      pendingIds.add(`${collection}/${id}`);
      persist();
    },
    pushed(collection: string, id: string): void {
      if (pendingIds.delete(`${collection}/${id}`)) persist();
      setLastSynced(new Date());
      setError(null);
    },
    /**
     * The server took a push of this collection: a plan-limit refusal of it is over. (Not `pushed`, which also
     * uncounts a local write that failed.)
     */
    accepted,
    /** The server refused a push of this collection over a plan limit; RxDB keeps retrying it. */
    refused(collection: string, refusal: PlanLimitRefusal): void {
      refusals.delete(collection);
      refusals.set(collection, refusal);
      showRefusals();
      reachedServer();
    },
    /** Sync stopped (sign-out, another workspace): its refusals no longer describe what is on screen. */
    clearRefusals(): void {
      refusals.clear();
      showRefusals();
    },
    synced(): void {
      setLastSynced(new Date());
      reachedServer();
      setError(null);
    },
    reachedServer,
    failed(cause: unknown): void {
      // A plan-limit refusal is not a fault that retrying mends: `refused` shows it, in its own words.
      if (syncProblem(cause).kind === 'plan-limit') return;
      const message = cause instanceof Error ? cause.message : String(cause);
      setError(message);
    },
    reset(): void {
      pendingIds.clear();
      refusals.clear();
      showRefusals();
      persist();
    },
  };
});
