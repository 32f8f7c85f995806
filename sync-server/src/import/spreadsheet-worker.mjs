// Worker-thread entry for read-spreadsheet-in-worker.ts. A worker is a fresh Node isolate that knows
// nothing of the loader its parent runs under (tsx for the CLI and the server, Vite for the tests), so
// it registers tsx itself before loading the TypeScript worker, as bin/vitals.js does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./spreadsheet-worker.ts');
