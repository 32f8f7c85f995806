/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the headers a receiver verifies with any
 * Standard Webhooks library. The signature is an HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the
 * bytes of the endpoint's secret (`whsec_` + base64), so a receiver knows the body came from us, unchanged, and
 * (with the timestamp) recently.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** 256 bits: the Standard Webhooks spec asks for 24 to 64 bytes. */
const SECRET_BYTES = 32;

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** A new `webhook-id`; a delivery keeps its id on every retry. */
export function generateMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('A webhook secret starts with whsec_.');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

export function signWebhook(options: { secret: string; messageId: string; timestamp: Date; body: string }): WebhookHeaders {
  const seconds = Math.floor(options.timestamp.getTime() / 1000).toString();
  const signature = createHmac('sha256', secretKey(options.secret))
    .update(`${options.messageId}.${seconds}.${options.body}`)
    .digest('base64');
  return {
    'webhook-id': options.messageId,
    'webhook-timestamp': seconds,
    'webhook-signature': `v1,${signature}`,
  };
}
