import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalAuthSecret, canonicalP256dh, decodeBase64Url } from './keys';

const browserKey = (): Buffer => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return ecdh.getPublicKey();
};

const compressedPoint = (): string => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return ecdh.getPublicKey('base64url', 'compressed');
};

describe('subscription keys', () => {
  const point = browserKey();
  const secret = randomBytes(16);

  it.each([
    ['base64url', point.toString('base64url')],
    ['padded base64url', `${point.toString('base64url')}=`],
    ['standard base64', point.toString('base64')],
  ])('accepts a P-256 point written as %s, stored in one spelling', (_, text) => {
    expect(canonicalP256dh(text)).toBe(point.toString('base64url'));
  });

  it.each([
    ['a compressed point', compressedPoint()],
    [
      '65 bytes that are not on the curve',
      Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
    ],
    [
      'a point without its 0x04 prefix',
      Buffer.concat([Buffer.from([5]), point.subarray(1)]).toString('base64url'),
    ],
    ['16 bytes', secret.toString('base64url')],
    ['text that is not base64', `${point.toString('base64url').slice(0, 80)}!!!!!!!`],
    ['nothing', ''],
  ])('refuses %s as p256dh', (_, text) => {
    expect(canonicalP256dh(text)).toBeNull();
  });

  it('accepts a 16-byte auth secret and refuses other lengths', () => {
    expect(canonicalAuthSecret(secret.toString('base64'))).toBe(secret.toString('base64url'));
    expect(canonicalAuthSecret(randomBytes(15).toString('base64url'))).toBeNull();
    expect(canonicalAuthSecret(randomBytes(32).toString('base64url'))).toBeNull();
  });

  it('decodes only base64 text', () => {
    expect(decodeBase64Url('aGk')?.toString()).toBe('hi');
    expect(decodeBase64Url('a b')).toBeNull();
    expect(decodeBase64Url('abcde')).toBeNull();
  });
});
