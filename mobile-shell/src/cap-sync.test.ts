/**
 * `cap sync android` over the built client, as `npm run sync:android -w mobile-shell` does it: the web assets
 * land in the Android project (index.html, the service worker, the hashed bundles), and the generated
 * capacitor.config.json names the app. No Android SDK is needed for this step: Gradle runs only when building.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from '../../scripts/ensure-client-build';

const SHELL = fileURLToPath(new URL('..', import.meta.url));
const DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));
const ASSETS = join(SHELL, 'android/app/src/main/assets');
const PUBLIC = join(ASSETS, 'public');
const CAP = createRequire(import.meta.url).resolve('@capacitor/cli/bin/capacitor');

describe('cap sync android', () => {
  let output = '';

  beforeAll(async () => {
    await ensureClientBuild(() => undefined);
    // The bundled assets, not a hosted server: what the test checks is the copy.
    const run = await promisify(execFile)(process.execPath, [CAP, 'sync', 'android'], {
      cwd: SHELL,
      env: { ...process.env, VITALS_SERVER_URL: '', CI: '1' },
    });
    output = run.stdout + run.stderr;
  });

  it('copies the built app: index.html, the service worker and every hashed bundle', async () => {
    expect(output).toMatch(/Copying web assets/);
    for (const file of ['index.html', 'sw.js', 'manifest.webmanifest', 'icons/icon-512.png'])
      expect(existsSync(join(PUBLIC, file)), file).toBe(true);
    const built = (await readdir(join(DIST, 'assets'))).filter((f) => f.endsWith('.js'));
    const copied = (await readdir(join(PUBLIC, 'assets'))).filter((f) => f.endsWith('.js'));
    expect(built.length).toBeGreaterThan(0);
    expect(copied.sort()).toEqual(built.sort());
    // The page loads the entry bundle by its hashed name, and that file is there.
    const entry = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(
      await readFile(join(PUBLIC, 'index.html'), 'utf8'),
    )?.[1];
    expect(entry).toMatch(/^assets\/.+-[\w-]{8,}\.js$/);
    expect(existsSync(join(PUBLIC, entry!))).toBe(true);
  });

  it('writes the app id and the plugins into the native project', async () => {
    const config = JSON.parse(await readFile(join(ASSETS, 'capacitor.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config).toMatchObject({ appId: 'app.vitals.mobile', appName: 'Vitals', webDir: '../client/dist' });
    expect(config.server).not.toHaveProperty('url');
    const plugins = JSON.parse(await readFile(join(ASSETS, 'capacitor.plugins.json'), 'utf8')) as {
      pkg: string;
    }[];
    expect(plugins.map((p) => p.pkg).sort()).toEqual([
      '@capacitor/push-notifications',
      '@capacitor/splash-screen',
    ]);
  });
});
