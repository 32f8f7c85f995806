import { describe, expect, it } from 'vitest';
import { endpointProblem, sendRefusal, type ResolveHost } from './endpoint';

const PUBLIC = { allowPrivate: false };
const PRIVATE_ALLOWED = { allowPrivate: true };

describe('push endpoints', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
    'https://web.push.apple.com/QGx2',
    'https://93.184.216.34/push/1',
  ])('accepts the public https endpoint %s', (endpoint) => {
    expect(endpointProblem(endpoint, PUBLIC)).toBeNull();
  });

  it.each([
    ['http://fcm.googleapis.com/fcm/send/abc', /https:\/\//],
    ['ftp://push.example.com/x', /https:\/\//],
    ['not a url', /not a URL/],
    ['https://user:secret@push.example.com/x', /user name or password/],
    ['https://127.0.0.1:8443/push', /private or loopback/],
    ['https://[::1]/push', /private or loopback/],
    ['https://[::ffff:10.0.0.1]/push', /private or loopback/],
    ['https://169.254.169.254/latest/meta-data', /private or loopback/],
    ['https://192.168.1.10/push', /private or loopback/],
    ['https://localhost/push', /local name/],
    ['https://push.localhost/push', /local name/],
    ['https://printer.local/push', /local name/],
    [`https://push.example.com/${'x'.repeat(2100)}`, /longer than 2048/],
  ])('refuses %s', (endpoint, message) => {
    expect(endpointProblem(endpoint, PUBLIC)).toMatch(message);
  });

  it('allows plain http and local hosts when the operator allows private destinations', () => {
    expect(endpointProblem('http://127.0.0.1:9000/push/1', PRIVATE_ALLOWED)).toBeNull();
    expect(endpointProblem('http://localhost/push/1', PRIVATE_ALLOWED)).toBeNull();
    expect(endpointProblem('ftp://127.0.0.1/push/1', PRIVATE_ALLOWED)).toMatch(/https:\/\//);
  });

  describe('before each send', () => {
    const resolving =
      (addresses: string[]): ResolveHost =>
      async () =>
        addresses;

    it('refuses a public name that now resolves to a private address (DNS rebinding)', async () => {
      const refusal = await sendRefusal(
        'https://push.example.com/x',
        PUBLIC,
        resolving(['93.184.216.34', '10.1.2.3']),
      );
      expect(refusal).toMatch(/push\.example\.com resolves to 10\.1\.2\.3/);
    });

    it('lets a public name with public addresses through, and never looks up with private destinations allowed', async () => {
      expect(
        await sendRefusal('https://push.example.com/x', PUBLIC, resolving(['142.250.74.106'])),
      ).toBeNull();
      const never: ResolveHost = () => Promise.reject(new Error('looked up'));
      expect(await sendRefusal('http://127.0.0.1:1/x', PRIVATE_ALLOWED, never)).toBeNull();
    });
  });
});
