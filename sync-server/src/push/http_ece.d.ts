/**
 * Types for `http_ece` 1.2 (Encrypted Content-Encoding for HTTP, RFC 8188), which ships none. Only what the
 * local push receiver uses: decrypting an `aes128gcm` Web Push body (RFC 8291) as a browser would.
 */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  interface EceParams {
    readonly version?: 'aes128gcm' | 'aesgcm';
    /** The receiver's key pair (decrypt) or the sender's (encrypt). */
    readonly privateKey?: ECDH;
    /** The other side's public key, base64url or raw (encrypt; `aesgcm` decrypt). */
    readonly dh?: string | Buffer;
    /** The subscription's 16-byte auth secret, base64url or raw. */
    readonly authSecret?: string | Buffer;
    readonly salt?: string | Buffer;
    readonly rs?: number;
    readonly keyid?: string;
  }

  interface Ece {
    decrypt(buffer: Buffer, params: EceParams): Buffer;
    encrypt(buffer: Buffer, params: EceParams): Buffer;
  }

  const ece: Ece;
  export default ece;
}
