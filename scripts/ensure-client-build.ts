/**
 * Builds the PWA when client/dist is missing or older than its sources, so `npm start` on a fresh clone
 * serves the whole app without a separate build step. Exported for the end-to-end setup too.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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

const LOCK = join(ROOT, 'client/.dist-build.lock');
/** A build left behind by a killed process must not block the next one for ever. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Test workers of several projects (e2e, mobile-shell) may ask at once; two vite builds into one
 * client/dist would empty each other's output. A lock directory (mkdir is atomic) lets one build while the
 * others wait, and they then find the build current.
 */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function ensureClientBuild(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  if (clientBuildIsCurrent()) return;
  await withBuildLock(async () => {
    if (clientBuildIsCurrent()) return;
    log('Building the app (client/dist is missing or older than its sources)…');
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    log('Built client/dist.');
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureClientBuild();
}
