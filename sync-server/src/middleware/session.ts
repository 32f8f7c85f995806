/** Placeholder until the auth work lands: no request is signed in. */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

export const loadSession = createMiddleware<AppEnv>(async (_c, next) => next());
