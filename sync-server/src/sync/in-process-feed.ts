/** The change feed within one process: a map from tenant to its listeners. */
import type { Logger } from '../logger';
import type { Change, ChangeFeed, FeedEvent, FeedListener } from './change-feed';

export interface InProcessFeed extends ChangeFeed {
  /** Delivers to this process's listeners only (the LISTEN/NOTIFY feed calls it for other instances' changes). */
  deliver(change: Change): void;
  /** Sends one event to every listener of every tenant. */
  broadcast(event: FeedEvent): void;
  /** Open subscriptions of a tenant, so tests can see a stream clean up after itself. */
  listenerCount(tenantId: string): number;
}

export function createInProcessFeed(log: Logger): InProcessFeed {
  const listeners = new Map<string, Set<FeedListener>>();

  const notify = (listener: FeedListener, event: FeedEvent): void => {
    try {
      listener(event);
    } catch (error) {
      // One broken stream must not keep the change from the others; it is a bug, so it is logged.
      log.error('change feed listener failed', { error });
    }
  };

  const deliver = (change: Change): void => {
    for (const listener of [...(listeners.get(change.tenantId) ?? [])])
      notify(listener, { type: 'change', change });
  };

  return {
    deliver,
    broadcast(event) {
      for (const set of listeners.values()) for (const listener of [...set]) notify(listener, event);
    },
    listenerCount: (tenantId) => listeners.get(tenantId)?.size ?? 0,
    async publish(change) {
      deliver(change);
    },
    subscribe(tenantId, listener) {
      const set = listeners.get(tenantId) ?? new Set<FeedListener>();
      listeners.set(tenantId, set);
      // A wrapper, so the same function subscribed twice is two subscriptions, each removed once.
      const entry: FeedListener = (event) => listener(event);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(tenantId) === set) listeners.delete(tenantId);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
