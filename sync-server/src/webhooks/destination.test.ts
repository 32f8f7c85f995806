import { describe, expect, it } from 'vitest';
import { checkDestination, DestinationError, parseDestination, resolveWithDns, type ResolveHost } from './destination';
import { addressKind } from './ip-ranges';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.7', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['::127.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(addressKind(ip)).toBeNull();
    },
  );
});

const noDns: ResolveHost = () => Promise.reject(new Error('unexpected DNS lookup'));
const refuse = { allowPrivate: false, resolveHost: noDns };
const allow = { allowPrivate: true, resolveHost: noDns };

async function refusal(url: string, policy = refuse): Promise<DestinationError> {
  const error = await checkDestination(url, policy).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DestinationError)) throw new Error(`expected ${url} to be refused, got ${String(error)}`);
  return error;
}

describe('checkDestination', () => {
  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address (this server itself).'],
    ['https://10.0.0.8:8443/hook', '10.0.0.8 is a private network address.'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (where cloud metadata services live).'],
    ['https://[::1]/hook', '::1 is a loopback address (this server itself).'],
    ['https://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 is a loopback address (this server itself).'],
    // The URL parser turns these spellings of 127.0.0.1 into the plain one before the check sees them.
    ['https://2130706433/hook', '127.0.0.1 is a loopback address (this server itself).'],
    ['https://0x7f.1/hook', '127.0.0.1 is a loopback address (this server itself).'],
  ])('refuses %s without a DNS lookup', async (url, start) => {
    const error = await refusal(url);
    expect(error.reason).toBe('private-address');
    expect(error.message).toBe(`${start} Webhooks are only sent to addresses on the public internet (the server's operator can allow private ones).`);
  });

  it('refuses a host name when any of its addresses is private, naming the host and the address', async () => {
    const resolveHost: ResolveHost = (host) => Promise.resolve(host === 'hooks.example.com' ? ['93.184.216.34', '10.0.0.5'] : []);
    const error = await refusal('https://hooks.example.com/in', { allowPrivate: false, resolveHost });
    expect(error.message).toMatch(/^hooks\.example\.com resolves to 10\.0\.0\.5, a private network address\./);
  });

  it.each(['localhost', 'LOCALHOST.', 'api.localhost'])('refuses %s by its name, whatever a resolver says', async (host) => {
    const error = await refusal(`https://${host}:8443/hook`, { allowPrivate: false, resolveHost: () => Promise.resolve(['93.184.216.34']) });
    expect(error.message).toBe(`${host.toLowerCase()} is a loopback name (this server itself). Webhooks are only sent to addresses on the public internet (the server's operator can allow private ones).`);
  });

  it('looks names up with the system resolver by default', async () => {
    expect(await resolveWithDns('127.0.0.1')).toEqual(['127.0.0.1']);
  });

  it('accepts a host name whose every address is public, keeping the port', async () => {
    const url = await checkDestination('https://hooks.example.com:4443/in?x=1', { allowPrivate: false, resolveHost: () => Promise.resolve(['93.184.216.34', '2606:2800:220:1::1']) });
    expect(url.href).toBe('https://hooks.example.com:4443/in?x=1');
  });

  it('says so when the host cannot be found', async () => {
    const failing: ResolveHost = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const error = await refusal('https://nowhere.example/hook', { allowPrivate: false, resolveHost: failing });
    expect(error.reason).toBe('unresolvable');
    expect(error.message).toBe('The host nowhere.example could not be found (ENOTFOUND). Check the URL.');
  });

  it.each([
    ['not a url', 'invalid-url', 'Enter a full URL, such as https://example.com/webhooks/vitals.'],
    ['http://hooks.example.com/in', 'scheme', 'Use an https:// URL: webhooks carry your data, so they are only sent encrypted.'],
    ['ftp://hooks.example.com/in', 'scheme', 'Use an https:// URL: webhooks carry your data, so they are only sent encrypted.'],
    ['https://user:secret@hooks.example.com/in', 'credentials', 'Remove the user name and password from the URL: each webhook is signed, so your endpoint can check the sender with the secret instead.'],
  ])('refuses %s (%s)', (url, reason, message) => {
    expect(() => parseDestination(url, refuse)).toThrow(message);
    expect(() => parseDestination(url, refuse)).toThrow(expect.objectContaining({ reason }) as Error);
  });

  it('allows private addresses and plain http when the operator allows private destinations, without looking anything up', async () => {
    expect((await checkDestination('http://127.0.0.1:9000/hook', allow)).href).toBe('http://127.0.0.1:9000/hook');
    expect((await checkDestination('https://internal.corp/hook', allow)).host).toBe('internal.corp');
    expect(() => parseDestination('ftp://127.0.0.1/', allow)).toThrow('Use an http:// or https:// URL.');
    expect(() => parseDestination('http://a:b@127.0.0.1/', allow)).toThrow(/Remove the user name and password/);
  });
});
