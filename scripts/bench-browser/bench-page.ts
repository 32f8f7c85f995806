/**
 * The bench's own pages, built with Vite's JS API into a temporary directory and served by a tiny static
 * server on a random port, so the baselines never touch the app's code or its build:
 * - `page/`: writes the bench documents straight into RxDB (Dexie storage, shared COLLECTIONS schemas);
 * - `solid-floor/`: a minimal Solid app (`solid-js/web` rendering one element), the floor for the app's initial JS.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PAGE_DIR = fileURLToPath(new URL('./page', import.meta.url));
const SOLID_FLOOR_DIR = fileURLToPath(new URL('./solid-floor', import.meta.url));

export interface BulkInsertResult {
  /** Time of the bulk inserts alone (database already open), in ms. */
  readonly ms: number;
  readonly documents: number;
  /** Documents in the collections afterwards. */
  readonly stored: number;
  readonly errors: number;
}

export interface BenchPage {
  readonly url: string;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function serveDirectory(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const file = normalize(join(root, path === '/' ? 'index.html' : decodeURIComponent(path)));
      if (!file.startsWith(root + sep) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Builds page/ and serves it; `url` is its index. */
export async function startBenchPage(): Promise<BenchPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'vitals-bench-page-'));
  try {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: PAGE_DIR,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 10_000 },
    });
    const server = await serveDirectory(outDir);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      url: `http://127.0.0.1:${port}/`,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Gzipped size (zlib level 9, the `gzip-size` convention) of the initial JS of a minimal Solid app. */
export async function minimalSolidGzipBytes(): Promise<number> {
  const outDir = await mkdtemp(join(tmpdir(), 'vitals-bench-solid-'));
  try {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: SOLID_FLOOR_DIR,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
    return (await initialScripts(outDir)).reduce((sum, s) => sum + s.gzipBytes, 0);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export interface InitialScript {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * The JS that `index.html` in `distDir` loads before anything runs: its module scripts, the chunks it
 * preloads, and every chunk those import statically (dynamic `import()` chunks are not initial).
 */
export async function initialScripts(distDir: string): Promise<InitialScript[]> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const queue: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = tag.startsWith('<script') && /type=["']?module/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel=["']?modulepreload/.test(tag);
    const ref = /(?:src|href)=["']?([^"'\s>]+)/.exec(tag)?.[1];
    if ((isModule || isPreload) && ref) queue.push(ref.replace(/^\//, ''));
  }
  const seen = new Map<string, InitialScript>();
  while (queue.length > 0) {
    const file = normalize(queue.shift()!);
    if (seen.has(file)) continue;
    const code = await readFile(join(distDir, file));
    seen.set(file, { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
    // Static imports of a minified chunk: `import{a as b}from"./x.js"` or `import"./x.js"`.
    for (const match of code.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      const spec = match[1]!;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        queue.push(spec.startsWith('/') ? spec.slice(1) : join(file, '..', spec));
      }
    }
  }
  return [...seen.values()];
}
