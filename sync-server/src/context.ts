/** What every request handler can reach: its dependencies, and who is asking. */
import type { Role } from '@vitals/shared';
import type { Config } from './config';
import type { Database } from './db/connect';
import type { Logger } from './logger';
import type { Outbound } from './outbound/types';
import type { ChangeFeed } from './sync/change-feed';

export interface AppDeps {
  readonly db: Database;
  readonly config: Config;
  readonly log: Logger;
  /** The clock, passed in so tests can move time (session expiry, TOTP windows, rate limits). */
  readonly now: () => Date;
  /** Tells every open sync stream of a tenant about its writes (in-process, or LISTEN/NOTIFY on a server). */
  readonly feed: ChangeFeed;
  /** Push notifications, webhooks and the alert engine (outbound/create.ts). */
  readonly outbound: Outbound;
  /** Aborted when the server begins to stop: open sync streams end then instead of holding the shutdown up. */
  readonly stopping?: AbortSignal;
}

/** What the outbound services are built from (everything but themselves). */
export type BaseDeps = Omit<AppDeps, 'outbound'>;

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
  /** The address was confirmed (by the emailed link, an invitation, a password reset, or an operator). */
  readonly emailVerified: boolean;
}

export interface CurrentSession {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly mfaVerified: boolean;
}

export interface Membership {
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    session: CurrentSession | null;
    user: SessionUser | null;
    member: Membership;
  };
}
