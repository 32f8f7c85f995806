/**
 * Builds the PWA when client/dist is missing or older than its sources, so `npm start` on a fresh clone
 * serves the whole app without a separate build step. Exported for the end-to-end setup too.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INDEX = join(ROOT, 'client/dist/index.html');
const SOURCES = [join(ROOT, 'client/src'), join(ROOT, 'client/public'), join(ROOT, 'client/index.html'), join(ROOT, 'shared/src'), join(ROOT, 'vite.config.ts')];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs);
}

export function clientBuildIsCurrent(): boolean {
  return existsSync(INDEX) && statSync(INDEX).mtimeMs >= Math.max(...SOURCES.map(newest));
}

export async function ensureClientBuild(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  if (clientBuildIsCurrent()) return;
  log('Building the app (client/dist is missing or older than its sources)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log('Built client/dist.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureClientBuild();
}
