/**
 * Password hashing with scrypt (memory-hard, built into Node). The stored string names its parameters,
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`, so raising the cost later only needs `needsRehash` at sign-in.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface ParsedHash {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelism: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number, keyBytes: number): Promise<Buffer> {
  const N = 2 ** cost;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the cost-15 need, so raise it.
  const options: ScryptOptions = { N, r: blockSize, p: parallelism, maxmem: 256 * N * blockSize };
  // The same password typed on different keyboards may arrive in different Unicode forms.
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parse(stored: string): ParsedHash {
  const m = FORMAT.exec(stored);
  if (!m) throw new Error('Stored password hash is not in the scrypt$… format.');
  return {
    cost: Number(m[1]),
    blockSize: Number(m[2]),
    parallelism: Number(m[3]),
    salt: Buffer.from(m[4]!, 'base64'),
    key: Buffer.from(m[5]!, 'base64'),
  };
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost, BLOCK_SIZE, PARALLELISM, KEY_BYTES);
  return `scrypt$${cost}$${BLOCK_SIZE}$${PARALLELISM}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time: the comparison takes as long whichever byte differs. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parsed = parse(stored);
  const key = await derive(password, parsed.salt, parsed.cost, parsed.blockSize, parsed.parallelism, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with other parameters than today's: rehash it while the password is at hand. */
export function needsRehash(stored: string, cost: number): boolean {
  const parsed = parse(stored);
  return parsed.cost !== cost || parsed.blockSize !== BLOCK_SIZE || parsed.parallelism !== PARALLELISM || parsed.key.length !== KEY_BYTES;
}

/** One hash per cost, made once: verified against when the email is unknown, so that answer takes as long. */
const dummyHashes = new Map<number, Promise<string>>();

export function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('base64'), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
