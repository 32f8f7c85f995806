/** Placeholder until the auth work lands. */
import { Hono } from 'hono';
import type { AppEnv } from '../context';

export const authRoutes = new Hono<AppEnv>();
