/**
 * A subscription's keys as the browser gives them (`PushSubscription.toJSON().keys`): base64url, which some
 * browsers and libraries pad or write in standard base64. They are stored in one canonical spelling, and a key
 * that cannot encrypt is refused when the device subscribes rather than failing every push later.
 */
import { ECDH } from 'node:crypto';

/** An uncompressed P-256 point: 0x04, x, y. */
export const P256DH_BYTES = 65;
/** RFC 8291: the auth secret is 16 bytes. */
export const AUTH_SECRET_BYTES = 16;

/** The bytes of base64 or base64url text (padding optional), or `null` when it is neither. */
export function decodeBase64Url(text: string): Buffer | null {
  const unpadded = text.replace(/={0,2}$/, '');
  if (!/^[A-Za-z0-9+/_-]*$/.test(unpadded) || unpadded.length % 4 === 1) return null;
  return Buffer.from(unpadded.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
}

/** The canonical (unpadded base64url) p256dh, or `null` when it is not a point on P-256. */
export function canonicalP256dh(text: string): string | null {
  const bytes = decodeBase64Url(text);
  if (bytes === null || bytes.length !== P256DH_BYTES || bytes[0] !== 0x04) return null;
  try {
    // Throws unless the point is on the curve; encryption with such a key would throw at every send.
    ECDH.convertKey(bytes, 'prime256v1');
  } catch {
    return null;
  }
  return bytes.toString('base64url');
}

/** The canonical auth secret, or `null` when it is not 16 bytes. */
export function canonicalAuthSecret(text: string): string | null {
  const bytes = decodeBase64Url(text);
  return bytes !== null && bytes.length === AUTH_SECRET_BYTES ? bytes.toString('base64url') : null;
}
