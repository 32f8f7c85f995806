/** `vitals serve` (what `npm start` runs): the whole app, until SIGINT or SIGTERM. */
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { startServer } from '../../server';

export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  // A bug in one request must not take the whole server down; it is logged loudly instead.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: reason }));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.stop().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
