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
/** A whole number from the environment, with the range in its message so the fix is obvious. */
const wholeNumber = (min: number, max: number, unit: string) =>
  v.pipe(
    v.string(),
    v.transform(Number),
    v.integer(`must be a whole number${unit}`),
    v.minValue(min, `must be ${min}…${max}${unit}`),
    v.maxValue(max, `must be ${min}…${max}${unit}`),
  );
const int = (fallback: string, min: number, max: number, unit = '') => v.optional(wholeNumber(min, max, unit), fallback);
/** Like `int`, but `undefined` when unset (its default depends on another variable). */
const optionalInt = (min: number, max: number, unit = '') => v.optional(wholeNumber(min, max, unit));
const url = (message: string) => v.optional(v.pipe(v.string(), v.url(message)));
const httpUrl = (example: string) =>
  v.optional(v.pipe(v.string(), v.url(`must be a URL such as ${example}`), v.regex(/^https?:\/\//, `must start with http:// or https:// (e.g. ${example})`)));
const secret = v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be blank'), v.maxLength(1000, 'is too long')));
const modelName = (fallback: string) =>
  v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[\w.:/@-]{1,200}$/, 'must be a model name such as gpt-4o-mini')), fallback);

const EnvSchema = v.object({
  NODE_ENV: v.optional(v.picklist(['development', 'production', 'test'], 'must be development, production or test'), 'development'),
  PORT: port,
  /** The address to listen on: 0.0.0.0 in a container, 127.0.0.1 (this machine only) otherwise. */
  HOST: v.optional(v.pipe(v.string(), v.regex(/^[\w.:-]+$/, 'must be a host name or IP address such as 0.0.0.0')), '127.0.0.1'),
  /** Public origin of the app (scheme://host[:port]); Origin checks and the Secure cookie follow it. */
  PUBLIC_ORIGIN: url('must be a URL such as https://vitals.example.com'),
  DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  DATA_DIR: v.optional(v.string(), './.data'),
  /** Seed the sample tenants and demo users into a new database (default: on for the embedded database). */
  DEMO_DATA: v.optional(v.picklist(['true', 'false', '1', '0'], 'must be true or false')),
  SESSION_DAYS: int('30', 1, 365, ' (days)'),
  /** scrypt cost (N = 2^x). 15 = 32 MiB per hash; tests lower it. */
  PASSWORD_COST: int('15', 10, 20),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent'], 'must be debug, info, warn, error or silent'), 'info'),
  /** Behind a reverse proxy (Caddy in docker-compose.yml): believe X-Forwarded-For and X-Forwarded-Proto. */
  TRUST_PROXY: flag('false'),
  /** Strict-Transport-Security max-age, sent on https only; 0 turns the header off. */
  HSTS_MAX_AGE: int('15552000', 0, 63_072_000, ' (seconds)'),
  /** Largest request body (a sync push batch or a spreadsheet upload). */
  MAX_BODY_MB: int('20', 1, 1024, ' (megabytes)'),
  /**
   * How long a stopping server answers "not ready" before it stops accepting connections, so that a load
   * balancer polling readiness moves traffic away first. 0 for a single instance.
   */
  SHUTDOWN_DRAIN_SECONDS: int('0', 0, 120, ' (seconds)'),
  /** Scheduled backups (backups/schedule.ts): off unless a directory is given. */
  BACKUP_DIR: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be blank'))),
  BACKUP_INTERVAL_HOURS: optionalInt(1, 8760, ' (hours)'),
  BACKUP_KEEP: optionalInt(1, 1000, ' (files)'),
  /** The assistant's language model and embeddings: any OpenAI-compatible endpoint (assistant/README.md). */
  OPENAI_API_KEY: secret,
  OPENAI_BASE_URL: httpUrl('https://api.openai.com/v1'),
  OPENAI_CHAT_MODEL: modelName('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: modelName('text-embedding-3-small'),
  /** How long the model may stay silent (before its first byte, or between two pieces of a stream). */
  OPENAI_TIMEOUT_MS: v.pipe(
    v.optional(v.string(), '60000'),
    v.transform(Number),
    v.integer('must be a whole number of milliseconds'),
    v.minValue(50, 'must be at least 50'),
    v.maxValue(600_000, 'must be at most 600000 (10 minutes)'),
  ),
  /** Qdrant for the assistant's retrieval; without it an index inside PostgreSQL is used. */
  QDRANT_URL: httpUrl('http://localhost:6333'),
  QDRANT_API_KEY: secret,
  /** Web Push (VAPID): both keys, or neither (then a pair is generated once and stored in the database). */
  VAPID_PUBLIC_KEY: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url P-256 public key (web-push generate-vapid-keys)'))),
  VAPID_PRIVATE_KEY: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url P-256 private key (web-push generate-vapid-keys)'))),
  /** Who push services may contact about this server's messages: a mailto: or https: URL. */
  VAPID_SUBJECT: v.optional(v.pipe(v.string(), v.regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be mailto:you@example.com or an https:// URL'))),
  /**
   * Let webhooks and push subscriptions reach private, loopback and link-local addresses (and plain http).
   * Off in production: a tenant must not make the server call into its own network (SSRF).
   */
  OUTBOUND_ALLOW_PRIVATE: flag('false'),
  /**
   * Push to the mobile apps through Firebase Cloud Messaging: a service account's JSON key, inline or as a
   * file path (push/native/README.md). Unset: the apps get no pushes (Web Push is unaffected).
   */
  FCM_SERVICE_ACCOUNT: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be blank'), v.maxLength(20_000, 'is too long for a service account key'))),
  /** Another FCM API host (a local test server speaking FCM HTTP v1); https://fcm.googleapis.com otherwise. */
  FCM_API_URL: httpUrl('https://fcm.googleapis.com'),
  /** Billing: without STRIPE_SECRET_KEY it is off and every tenant is on DEFAULT_PLAN. */
  DEFAULT_PLAN: v.optional(v.picklist(['free', 'professional', 'enterprise'], 'must be free, professional or enterprise'), 'enterprise'),
  STRIPE_SECRET_KEY: secret,
  STRIPE_WEBHOOK_SECRET: secret,
  STRIPE_PRICE_PROFESSIONAL: v.optional(v.pipe(v.string(), v.regex(/^price_\w+$/, 'must be a Stripe price id (price_…)'))),
  STRIPE_PRICE_ENTERPRISE: v.optional(v.pipe(v.string(), v.regex(/^price_\w+$/, 'must be a Stripe price id (price_…)'))),
  /** Another Stripe API host (a local test server speaking Stripe's API); api.stripe.com otherwise. */
  STRIPE_API_URL: httpUrl('http://127.0.0.1:12111'),
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
  /** Strict-Transport-Security max-age in seconds; 0: never sent. */
  readonly hstsMaxAge: number;
  readonly maxBodyBytes: number;
  readonly shutdownDrainMs: number;
  /** Scheduled backups, or `null` (BACKUP_DIR unset). */
  readonly backups: BackupConfig | null;
  readonly assistant: AssistantConfig;
  readonly outbound: OutboundConfig;
  readonly billing: BillingConfig;
}

/** Where and how often the server writes `vitals backup` files itself (backups/schedule.ts). */
export interface BackupConfig {
  readonly dir: string;
  readonly intervalHours: number;
  /** How many of the newest backup files to keep; older ones are deleted after each new one. */
  readonly keep: number;
}

/** Plans and Stripe (DESIGN.md, "Embedded defaults"). `stripe` null: billing off, every tenant on `defaultPlan`. */
export interface BillingConfig {
  readonly defaultPlan: 'free' | 'professional' | 'enterprise';
  readonly stripe: {
    readonly secretKey: string;
    readonly webhookSecret: string;
    readonly prices: { readonly professional: string; readonly enterprise: string };
    /** `null` for api.stripe.com. */
    readonly apiUrl: string | null;
  } | null;
}

/** Web Push and outbound webhooks (DESIGN.md, "Embedded defaults" and the security notes). */
export interface OutboundConfig {
  /** Keys from the environment, or `null`: generated once and stored in the database. */
  readonly vapid: { readonly publicKey: string; readonly privateKey: string } | null;
  readonly vapidSubject: string;
  readonly allowPrivateDestinations: boolean;
  /** FCM for the mobile apps, or `null`: off. `serviceAccount` is the JSON key itself or a path to it. */
  readonly fcm: { readonly serviceAccount: string; readonly apiUrl: string } | null;
}

/** The assistant's external services; `null` means the embedded default (DESIGN.md, "Embedded defaults"). */
export interface AssistantConfig {
  /** The OpenAI-compatible endpoint, or `null`: deterministic answers and lexical embeddings only. */
  readonly openai: {
    readonly apiKey: string;
    /** `null` for api.openai.com. */
    readonly baseUrl: string | null;
    readonly chatModel: string;
    readonly embeddingModel: string;
    readonly timeoutMs: number;
  } | null;
  readonly qdrant: { readonly url: string; readonly apiKey: string | null } | null;
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
  const problems = crossFieldProblems(e);
  if (problems.length > 0) throw new ConfigError(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
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
    hstsMaxAge: e.HSTS_MAX_AGE,
    maxBodyBytes: e.MAX_BODY_MB * 1024 * 1024,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
    backups: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, intervalHours: e.BACKUP_INTERVAL_HOURS ?? 24, keep: e.BACKUP_KEEP ?? 7 } : null,
    assistant: assistantConfig(e),
    outbound: {
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
      vapidSubject: e.VAPID_SUBJECT ?? (e.PUBLIC_ORIGIN?.startsWith('https://') ? e.PUBLIC_ORIGIN : 'mailto:push@vitals.invalid'),
      allowPrivateDestinations: e.OUTBOUND_ALLOW_PRIVATE,
      fcm: e.FCM_SERVICE_ACCOUNT
        ? { serviceAccount: e.FCM_SERVICE_ACCOUNT, apiUrl: (e.FCM_API_URL ?? 'https://fcm.googleapis.com').replace(/\/$/, '') }
        : null,
    },
    billing: {
      defaultPlan: e.DEFAULT_PLAN,
      stripe: e.STRIPE_SECRET_KEY
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET!,
            prices: { professional: e.STRIPE_PRICE_PROFESSIONAL!, enterprise: e.STRIPE_PRICE_ENTERPRISE! },
            apiUrl: e.STRIPE_API_URL?.replace(/\/$/, '') ?? null,
          }
        : null,
    },
  };
}

/** Settings that only make sense together: a half-configured service is a mistake worth stopping for. */
function crossFieldProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.OPENAI_BASE_URL && !e.OPENAI_API_KEY) {
    problems.push('OPENAI_BASE_URL: is set but OPENAI_API_KEY is not (a local server that needs no key still takes any value, e.g. OPENAI_API_KEY=local)');
  }
  if (e.QDRANT_API_KEY && !e.QDRANT_URL) problems.push('QDRANT_API_KEY: is set but QDRANT_URL is not');
  if (e.STRIPE_SECRET_KEY) {
    for (const name of ['STRIPE_WEBHOOK_SECRET', 'STRIPE_PRICE_PROFESSIONAL', 'STRIPE_PRICE_ENTERPRISE'] as const) {
      if (!e[name]) problems.push(`${name}: is needed when STRIPE_SECRET_KEY is set (billing on)`);
    }
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    problems.push('VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY: set both (a pair from `npx web-push generate-vapid-keys`) or neither');
  }
  for (const name of ['BACKUP_INTERVAL_HOURS', 'BACKUP_KEEP'] as const) {
    if (e[name] !== undefined && !e.BACKUP_DIR) problems.push(`${name}: is set but BACKUP_DIR is not (scheduled backups need a directory)`);
  }
  return problems;
}

function assistantConfig(e: Env): AssistantConfig {
  return {
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseUrl: e.OPENAI_BASE_URL?.replace(/\/$/, '') ?? null,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
        }
      : null,
    qdrant: e.QDRANT_URL ? { url: e.QDRANT_URL.replace(/\/$/, ''), apiKey: e.QDRANT_API_KEY ?? null } : null,
  };
}
