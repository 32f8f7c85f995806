#!/usr/bin/env node
// The `vitals` command: runs the TypeScript CLI through tsx, so the same source serves dev and production.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
