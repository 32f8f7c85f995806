/**
 * Starting and stopping the whole server: database (migrated, seeded when new), the app, HTTP, scheduled
 * backups, and a graceful shutdown: readiness turns 503 first (http/lifecycle.ts), then the server stops
 * accepting, lets in-flight requests finish, and closes the database last.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { startBackupSchedule, type BackupSchedule } from './backups/schedule';
import type { Config } from './config';
import { openDatabase, type Database } from './db/connect';
import { migrate } from './db/migrate';
import { withLifecycle, type Phase } from './http/lifecycle';
import type { Logger } from './logger';
import { createOutbound } from './outbound/create';
import { seedIfEmpty } from './seed/seed';
import { createChangeFeed } from './sync/change-feed';

export interface RunningServer {
  readonly url: string;
  readonly db: Database;
  stop(): Promise<void>;
}

/** How long shutdown waits for in-flight requests (and open streams) before closing them. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const db = await openDatabase(config);
  log.info('database open', { kind: db.kind, location: db.location });
  const applied = await migrate(db.sql);
  if (applied.length > 0) log.info('migrations applied', { versions: applied });
  const seeded = await seedIfEmpty(db, config, log);

  const feed = await createChangeFeed(db, log);
  // Listen first so a random port (PORT=0, tests) is known before the app's allowed origins are fixed.
  let phase: Phase = 'starting';
  let handler: ((request: Request, env: unknown) => Response | Promise<Response>) | null = null;
  const fetch = withLifecycle(() => phase, () => handler);
  const server: ServerType = await new Promise((resolve) => {
    // The env carries the socket (clientIp() reads the peer address from it for rate limits).
    const s = serve({ fetch: (request, env) => fetch(request, env), port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host}:${port}`;
  const effective: Config =
    config.port === 0 && config.allowedOrigins.some((o) => o.endsWith(':0'))
      ? { ...config, port, publicOrigin: `http://localhost:${port}`, allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] }
      : config;
  const shutdown = new AbortController();
  const base = { db, config: effective, log, now: () => new Date(), feed, stopping: shutdown.signal };
  const outbound = createOutbound(base);
  const app = createApp({ ...base, outbound });
  outbound.start();
  const backups: BackupSchedule | null = config.backups
    ? await startBackupSchedule({ sql: db.sql, config: config.backups, log: log.child({ part: 'backups' }), now: base.now })
    : null;
  handler = app.fetch;
  phase = 'serving';
  log.info('listening', { url });
  if (seeded) {
    process.stdout.write(
      `\nVitals is running at ${url}\nSample tenants loaded. Sign in with any of ${seeded.emails.join(', ')}\n` +
        `(password: ${seeded.password}).\n\n`,
    );
  }

  let stopping: Promise<void> | null = null;
  return {
    url,
    db,
    stop() {
      stopping ??= (async () => {
        phase = 'stopping';
        log.info('shutting down', { drainMs: config.shutdownDrainMs });
        // Readiness answers 503 from now on; a load balancer polling it moves traffic away during the drain.
        if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
        // Sync streams never finish by themselves: end them now (devices reconnect) rather than after the grace.
        shutdown.abort();
        await new Promise<void>((resolve) => {
          const closeIdle = (): void => {
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          };
          const timer = setTimeout(() => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            resolve();
          }, SHUTDOWN_GRACE_MS);
          // A keep-alive connection whose last response just finished (an ended stream, a request that was in
          // flight) would otherwise stay open until its keep-alive timeout.
          const idle = setInterval(closeIdle, 100);
          server.close(() => {
            clearTimeout(timer);
            clearInterval(idle);
            resolve();
          });
          closeIdle();
        });
        await backups?.stop();
        await outbound.stop();
        await feed.close();
        await db.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}
