// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Imports the domain core must never make: other workspaces, frameworks and anything that does I/O.
 * SheetJS (`xlsx`) and jsPDF are allowed: shared/ uses them only on bytes in memory (read/write, never
 * readFile/writeFile), so the device, the server and the CLI read and write spreadsheets the same way.
 */
const SHARED_FORBIDDEN_IMPORTS = [
  { group: ['@vitals/client', '@vitals/client/*', '@vitals/sync-server', '@vitals/sync-server/*'], message: 'shared/ is the domain core: other workspaces depend on it, never the reverse.' },
  { group: ['**/client/**', '**/sync-server/**', '**/mobile-shell/**'], message: 'shared/ may not reach into another workspace.' },
  { group: ['hono', 'hono/*', '@hono/*', 'rxdb', 'rxdb/*', 'dexie', 'postgres', '@electric-sql/*', 'solid-js', 'solid-js/*', '@solidjs/*'], message: 'Frameworks and databases stay out of the domain core.' },
  { group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'worker_threads', 'crypto', 'stream', 'url'], message: 'No Node APIs in shared/: pass what you need in.' },
  { group: ['openai', 'stripe', 'web-push', '@qdrant/*', 'undici', 'axios', 'ws'], message: 'No I/O libraries in shared/.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'coverage/**', 'mobile-shell/android/**', 'mobile-shell/ios/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      // noUncheckedIndexedAccess makes `rows[i]!` inside a bounds-checked loop the honest idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: SHARED_FORBIDDEN_IMPORTS }],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'process', 'XMLHttpRequest', 'WebSocket', 'setTimeout', 'setInterval', 'console'].map((name) => ({
          name,
          message: 'shared/ is pure: no I/O, timers or globals. Pass what you need in.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No ambient time in shared/: pass the clock in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No ambient time in shared/: pass the clock in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'No ambient randomness in shared/: pass a random source in.' },
        { selector: "CallExpression[callee.property.name=/^(readFile|readFileSync|writeFile|writeFileSync|save)$/]", message: 'No file I/O in shared/: read and write bytes in memory; the caller saves them.' },
      ],
    },
  },
);
