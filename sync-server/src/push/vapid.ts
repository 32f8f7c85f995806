/**
 * The VAPID key pair (RFC 8292) this server signs its push requests with. Devices subscribe with its public
 * key, and push services refuse requests signed by any other, so it must not change: taken from the
 * environment when configured, otherwise generated once and kept in the database (DESIGN.md, "Embedded
 * defaults"). Several servers starting at once still agree on one pair.
 */
import { createECDH } from 'node:crypto';
import webpush from 'web-push';
import type { OutboundConfig } from '../config';
import type { Sql } from '../db/connect';

export interface VapidKeys {
  /** base64url of the 65-byte uncompressed P-256 point. */
  readonly publicKey: string;
  /** base64url of the 32-byte private scalar. */
  readonly privateKey: string;
}

export interface VapidKeySource {
  readonly keys: VapidKeys;
  /** `true`: generated and stored by this server (the embedded default); `false`: from the environment. */
  readonly generated: boolean;
}

/** A configured key pair that cannot work; its message names the variables to fix. */
export class VapidKeyError extends Error {
  override name = 'VapidKeyError';
}

/** Keys from the environment when set (checked to be one pair), else the stored pair, generated if missing. */
export async function loadVapidKeys(
  sql: Sql,
  config: Pick<OutboundConfig, 'vapid'>,
): Promise<VapidKeySource> {
  if (config.vapid) {
    assertKeyPair(config.vapid);
    return { keys: config.vapid, generated: false };
  }
  return { keys: await storedKeys(sql), generated: true };
}

/**
 * The stored pair, created on first use. `on conflict do nothing` and a read afterwards make a race between
 * two servers harmless: the loser's freshly generated pair is dropped and both read the winner's.
 */
async function storedKeys(sql: Sql): Promise<VapidKeys> {
  // In a transaction, like every query here: the embedded database's single connection needs it.
  return sql.begin(async (tx) => {
    const existing = await tx<
      VapidKeys[]
    >`select public_key as "publicKey", private_key as "privateKey" from vapid_keys where id = 1`;
    if (existing[0]) return existing[0];
    const fresh = webpush.generateVAPIDKeys();
    await tx`insert into vapid_keys (id, public_key, private_key) values (1, ${fresh.publicKey}, ${fresh.privateKey}) on conflict (id) do nothing`;
    const [stored] = await tx<
      VapidKeys[]
    >`select public_key as "publicKey", private_key as "privateKey" from vapid_keys where id = 1`;
    if (!stored) throw new Error('The VAPID key pair was stored but cannot be read back.');
    return stored;
  }) as Promise<VapidKeys>;
}

/**
 * A public key that does not belong to the private key makes every push fail at the push service with 401/403,
 * far from the cause; refusing it here says which setting is wrong.
 */
function assertKeyPair(keys: VapidKeys): void {
  const ecdh = createECDH('prime256v1');
  try {
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'));
  } catch {
    throw new VapidKeyError(
      'VAPID_PRIVATE_KEY is not a P-256 private key. Generate a pair with `npx web-push generate-vapid-keys`.',
    );
  }
  if (ecdh.getPublicKey('base64url', 'uncompressed') !== keys.publicKey) {
    throw new VapidKeyError(
      'VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY. Set both from the same `npx web-push generate-vapid-keys` run.',
    );
  }
}
