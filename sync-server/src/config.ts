/**
 * The one place the server reads its environment. Every variable is validated at start, with a message
 * that names the variable and what it expects; nothing else reads `process.env`.
 */
import * as v from 'valibot';

const port = v.pipe(
  v.optional(v.string(), '8787'),
  v.transform(Number),
  v.integer('must be a whole number'),
  v.minValue(0, 'must be 0…65535'),
  v.maxValue(65535, 'must be 0…65535'),
);
const flag = (fallback: 'true' | 'false') =>
  v.pipe(
    v.optional(v.picklist(['true', 'false', '1', '0'], 'must be true or false'), fallback),
    v.transform((s) => s === 'true' || s === '1'),
  );
const url = (message: string) => v.optional(v.pipe(v.string(), v.url(message)));

const EnvSchema = v.object({
  NODE_ENV: v.optional(v.picklist(['development', 'production', 'test']), 'development'),
  PORT: port,
  HOST: v.optional(v.string(), '127.0.0.1'),
  /** Public origin of the app (scheme://host[:port]); Origin checks and the Secure cookie follow it. */
  PUBLIC_ORIGIN: url('must be a URL such as https://vitals.example.com'),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  DATA_DIR: v.optional(v.string(), './.data'),
  /** Seed the sample tenants and demo users into a new database (default: on for the embedded database). */
  DEMO_DATA: v.optional(v.picklist(['true', 'false', '1', '0'])),
  SESSION_DAYS: v.pipe(v.optional(v.string(), '30'), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(365)),
  /** scrypt cost (N = 2^x). 15 = 32 MiB per hash; tests lower it. */
  PASSWORD_COST: v.pipe(v.optional(v.string(), '15'), v.transform(Number), v.integer(), v.minValue(10), v.maxValue(20)),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  TRUST_PROXY: flag('false'),
});

export type Env = v.InferOutput<typeof EnvSchema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicOrigin: string;
  /** Origins allowed to make state-changing requests (the Origin check). */
  readonly allowedOrigins: readonly string[];
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly demoData: boolean;
  readonly sessionDays: number;
  readonly passwordCost: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly trustProxy: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(EnvSchema.entries).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const result = v.safeParse(EnvSchema, picked);
  if (!result.success) {
    const lines = result.issues.map((issue) => `  ${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = result.output;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicOrigin: (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    // Without a configured origin the app is local: both spellings of this machine are ours.
    allowedOrigins: e.PUBLIC_ORIGIN
      ? [new URL(e.PUBLIC_ORIGIN).origin]
      : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    demoData: e.DEMO_DATA === undefined ? !e.DATABASE_URL : e.DEMO_DATA === 'true' || e.DEMO_DATA === '1',
    sessionDays: e.SESSION_DAYS,
    passwordCost: e.PASSWORD_COST,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}
