/** The server's entry point (`node --import tsx sync-server/src/main.ts`): what `npm start` and the container run. */
import { serveCommand } from './cli/commands/serve';
import { ConfigError } from './config';

try {
  await serveCommand();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
