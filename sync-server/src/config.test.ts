import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

// The assistant's, push and billing variables have their own tables in assistant/config.test.ts and beside
// their services; this file covers the server's own settings and that every variable fails by name.
describe('the server configuration', () => {
  it('defaults to a local server on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 8787,
      host: '127.0.0.1',
      publicOrigin: 'http://localhost:8787',
      allowedOrigins: ['http://localhost:8787', 'http://127.0.0.1:8787'],
      databaseUrl: null,
      dataDir: './.data',
      demoData: true,
      sessionDays: 30,
      passwordCost: 15,
      logLevel: 'info',
      trustProxy: false,
      hstsMaxAge: 15_552_000,
      maxBodyBytes: 20 * 1024 * 1024,
      shutdownDrainMs: 0,
      backups: null,
    });
  });

  it('reads a production setup behind a proxy, with scheduled backups', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      PUBLIC_ORIGIN: 'https://vitals.example.com/',
      DATABASE_URL: 'postgres://vitals:secret@postgres:5432/vitals',
      TRUST_PROXY: 'true',
      HSTS_MAX_AGE: '0',
      MAX_BODY_MB: '50',
      SHUTDOWN_DRAIN_SECONDS: '5',
      BACKUP_DIR: '/backups',
      BACKUP_INTERVAL_HOURS: '6',
      BACKUP_KEEP: '28',
    });
    expect(config).toMatchObject({
      env: 'production',
      host: '0.0.0.0',
      port: 8080,
      publicOrigin: 'https://vitals.example.com',
      allowedOrigins: ['https://vitals.example.com'],
      databaseUrl: 'postgres://vitals:secret@postgres:5432/vitals',
      demoData: false,
      trustProxy: true,
      hstsMaxAge: 0,
      maxBodyBytes: 50 * 1024 * 1024,
      shutdownDrainMs: 5000,
      backups: { dir: '/backups', intervalHours: 6, keep: 28 },
    });
  });

  it('backs up daily and keeps a week of files when only BACKUP_DIR is given', () => {
    expect(loadConfig({ BACKUP_DIR: '/backups' }).backups).toEqual({
      dir: '/backups',
      intervalHours: 24,
      keep: 7,
    });
  });

  it('treats an empty variable as unset (compose passes `VAR=` for unset defaults)', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', BACKUP_DIR: '' })).toMatchObject({
      port: 8787,
      databaseUrl: null,
      backups: null,
    });
  });

  // Every variable the server reads fails with its own name and what it expects, at start.
  it.each<[string, Record<string, string>, RegExp]>([
    ['NODE_ENV', { NODE_ENV: 'prod' }, /NODE_ENV: must be development, production or test/],
    ['PORT', { PORT: '70000' }, /PORT: must be 0…65535/],
    ['PORT', { PORT: 'http' }, /PORT: must be a whole number/],
    ['HOST', { HOST: 'local host' }, /HOST: must be a host name or IP address/],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'vitals.example.com' }, /PUBLIC_ORIGIN: must be a URL/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres:\/\/ URL/],
    ['DEMO_DATA', { DEMO_DATA: 'yes' }, /DEMO_DATA: must be true or false/],
    ['SESSION_DAYS', { SESSION_DAYS: '0' }, /SESSION_DAYS: must be 1…365 \(days\)/],
    ['PASSWORD_COST', { PASSWORD_COST: '9' }, /PASSWORD_COST: must be 10…20/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL: must be debug, info, warn, error or silent/],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes' }, /TRUST_PROXY: must be true or false/],
    ['HSTS_MAX_AGE', { HSTS_MAX_AGE: '-1' }, /HSTS_MAX_AGE: must be 0…63072000 \(seconds\)/],
    ['MAX_BODY_MB', { MAX_BODY_MB: '0.5' }, /MAX_BODY_MB: must be a whole number \(megabytes\)/],
    ['SHUTDOWN_DRAIN_SECONDS', { SHUTDOWN_DRAIN_SECONDS: '600' }, /SHUTDOWN_DRAIN_SECONDS: must be 0…120/],
    ['BACKUP_DIR', { BACKUP_DIR: '   ' }, /BACKUP_DIR: must not be blank/],
    [
      'BACKUP_INTERVAL_HOURS',
      { BACKUP_DIR: '/b', BACKUP_INTERVAL_HOURS: '0' },
      /BACKUP_INTERVAL_HOURS: must be 1…8760 \(hours\)/,
    ],
    [
      'BACKUP_KEEP',
      { BACKUP_DIR: '/b', BACKUP_KEEP: 'all' },
      /BACKUP_KEEP: must be a whole number \(files\)/,
    ],
    [
      'BACKUP_INTERVAL_HOURS without BACKUP_DIR',
      { BACKUP_INTERVAL_HOURS: '6' },
      /BACKUP_INTERVAL_HOURS: is set but BACKUP_DIR is not/,
    ],
    ['BACKUP_KEEP without BACKUP_DIR', { BACKUP_KEEP: '3' }, /BACKUP_KEEP: is set but BACKUP_DIR is not/],
    ['OPENAI_TIMEOUT_MS', { OPENAI_TIMEOUT_MS: '10' }, /OPENAI_TIMEOUT_MS: must be at least 50/],
    ['QDRANT_URL', { QDRANT_URL: 'qdrant:6333' }, /QDRANT_URL: must start with http:\/\/ or https:\/\//],
    ['VAPID_SUBJECT', { VAPID_SUBJECT: 'ops@example.com' }, /VAPID_SUBJECT: must be mailto:/],
    [
      'VAPID_PUBLIC_KEY',
      { VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: 'short' },
      /VAPID_PUBLIC_KEY: must be a base64url P-256 public key/,
    ],
    [
      'OUTBOUND_ALLOW_PRIVATE',
      { OUTBOUND_ALLOW_PRIVATE: 'on' },
      /OUTBOUND_ALLOW_PRIVATE: must be true or false/,
    ],
    ['DEFAULT_PLAN', { DEFAULT_PLAN: 'gold' }, /DEFAULT_PLAN: must be free, professional or enterprise/],
    [
      'STRIPE_SECRET_KEY',
      { STRIPE_SECRET_KEY: 'sk_test_1' },
      /STRIPE_WEBHOOK_SECRET: is needed when STRIPE_SECRET_KEY is set/,
    ],
    [
      'STRIPE_PRICE_PROFESSIONAL',
      { STRIPE_PRICE_PROFESSIONAL: 'pro' },
      /STRIPE_PRICE_PROFESSIONAL: must be a Stripe price id/,
    ],
    [
      'STRIPE_API_URL',
      { STRIPE_API_URL: 'ftp://stripe.test' },
      /STRIPE_API_URL: must start with http:\/\/ or https:\/\//,
    ],
  ])('refuses a bad %s, naming it', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
