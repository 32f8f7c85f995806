/** An app over a test database, with a movable clock and quiet logs, for `app.request()` tests. */
import { loadConfig, type Config } from '../config';
import type { AppDeps, BaseDeps } from '../context';
import { createApp } from '../app';
import type { Database } from '../db/connect';
import { createLogger } from '../logger';
import { createOutbound, type OutboundOptions } from '../outbound/create';
import type { ChangeFeed } from '../sync/change-feed';
import { createInProcessFeed } from '../sync/in-process-feed';

export const TEST_ORIGIN = 'http://localhost:8787';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(date: Date): void;
}

export function testClock(start = new Date('2025-10-01T09:00:00Z')): TestClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => void (current += ms), set: (d) => void (current = d.getTime()) };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', PUBLIC_ORIGIN: TEST_ORIGIN, PASSWORD_COST: '10', LOG_LEVEL: 'silent', ...overrides });
}

export interface TestAppOptions {
  readonly clock?: TestClock;
  readonly config?: Config;
  readonly feed?: ChangeFeed;
  /** Push, webhook and alert engine settings (e.g. tiny retry delays). No background loop runs in tests. */
  readonly outbound?: OutboundOptions;
}

export function testApp(db: Database, options: TestAppOptions = {}) {
  const clock = options.clock ?? testClock();
  const config = options.config ?? testConfig();
  const log = createLogger(config.logLevel);
  // In-process unless a test brings another (LISTEN/NOTIFY between two app instances).
  const base: BaseDeps = { db, config, log, now: clock.now, feed: options.feed ?? createInProcessFeed(log) };
  const deps: AppDeps = { ...base, outbound: createOutbound(base, options.outbound) };
  return { app: createApp(deps), deps, clock };
}
