/** An app over a test database, with a movable clock and quiet logs, for `app.request()` tests. */
import { loadConfig, type Config } from '../config';
import type { AppDeps } from '../context';
import { createApp } from '../app';
import type { Database } from '../db/connect';
import { createLogger } from '../logger';
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

export function testApp(db: Database, options: { clock?: TestClock; config?: Config; feed?: ChangeFeed } = {}) {
  const clock = options.clock ?? testClock();
  const config = options.config ?? testConfig();
  const log = createLogger(config.logLevel);
  // In-process unless a test brings another (LISTEN/NOTIFY between two app instances).
  const deps: AppDeps = { db, config, log, now: clock.now, feed: options.feed ?? createInProcessFeed(log) };
  return { app: createApp(deps), deps, clock };
}
