/** Placeholder until the replication work lands. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const syncRoutes = new Hono<AppEnv>();
