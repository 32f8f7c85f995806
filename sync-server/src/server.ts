/**
 * Starting and stopping the whole server: database (migrated, seeded when new), the app, HTTP, and a
 * graceful shutdown that stops accepting, lets in-flight requests finish, then closes the database.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './db/connect';
import { migrate } from './db/migrate';
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
  let handler: (request: Request) => Response | Promise<Response> = () => new Response('Starting', { status: 503 });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request) => handler(request), port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${['0.0.0.0', '127.0.0.1', '::'].includes(config.host) ? 'localhost' : config.host}:${port}`;
  const effective: Config =
    config.port === 0 && config.allowedOrigins.some((o) => o.endsWith(':0'))
      ? { ...config, port, publicOrigin: `http://localhost:${port}`, allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`] }
      : config;
  const base = { db, config: effective, log, now: () => new Date(), feed };
  const outbound = createOutbound(base);
  const app = createApp({ ...base, outbound });
  outbound.start();
  handler = app.fetch;
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
        log.info('shutting down');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            resolve();
          }, SHUTDOWN_GRACE_MS);
          server.close(() => {
            clearTimeout(timer);
            resolve();
          });
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await outbound.stop();
        await feed.close();
        await db.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}
