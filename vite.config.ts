import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The client's build (root: client/, output client/dist, served by the sync server) and the test
 * projects that `npm test` runs.
 */
export default defineConfig({
  root: here('./client'),
  publicDir: here('./client/public'),
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Vitals — customer health',
        short_name: 'Vitals',
        description: 'Customer-success KPI health that works offline, on every device.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f8fafc',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,txt}'],
        // jsPDF's optional HTML/SVG renderers (html2canvas, canvg, DOMPurify): chunks we never load, ~390 KB.
        globIgnores: ['**/html2canvas*.js', '**/purify.es*.js', '**/index.es-*.js'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // Module workers (the first download's), so a worker's chunk can share modules with the app's.
  worker: { format: 'es' },
  build: {
    outDir: here('./client/dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:8787', changeOrigin: false } },
  },
  test: {
    // vite-plugin-solid sets the root environment to jsdom when none is given; vitest then checks that jsdom
    // is installed (it is not, and no project uses it) and exits 1 even when every test passes.
    environment: 'node',
    projects: [
      {
        test: {
          name: 'shared',
          root: here('.'),
          include: ['shared/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'client',
          root: here('.'),
          include: ['client/src/**/*.test.ts'],
          environment: 'node',
          setupFiles: [here('./client/src/testing/setup.ts')],
        },
      },
      {
        test: {
          name: 'sync-server',
          root: here('.'),
          include: ['sync-server/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: [here('./sync-server/src/testing/global-setup.ts')],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The Capacitor shell: `cap sync` over the built client (mobile-shell/README.md).
        test: {
          name: 'mobile-shell',
          root: here('.'),
          include: ['mobile-shell/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // End to end: the built app and the real server, driven in the system Chromium (e2e/browser.ts).
        test: {
          name: 'e2e',
          root: here('.'),
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: [here('./e2e/global-setup.ts')],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the files share one server and the timing assertions need a quiet machine.
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
