/**
 * The whole app as `npm start` runs it, for the end-to-end tests and the screenshot script: the client
 * built when its sources are newer than client/dist, then the real sync server on a random port with a
 * fresh embedded database seeded with the sample tenants.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClientBuild } from '../scripts/ensure-client-build';
import { loadConfig } from '../sync-server/src/config';
import { createLogger } from '../sync-server/src/logger';
import { startServer } from '../sync-server/src/server';

export interface AppUnderTest {
  readonly url: string;
  stop(): Promise<void>;
}

export interface AppOptions {
  /**
   * More of the server's environment (config.ts), e.g. OPENAI_API_KEY and OPENAI_BASE_URL of a fake model;
   * these win over the defaults below.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startAppUnderTest(options: AppOptions = {}): Promise<AppUnderTest> {
  // The server decides at start whether client/dist exists, so the build comes first.
  await ensureClientBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'vitals-e2e-'));
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      PASSWORD_COST: '10',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'true',
      ...options.env,
    });
    const server = await startServer(config, createLogger(config.logLevel));
    return {
      url: server.url,
      async stop() {
        try {
          await server.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
