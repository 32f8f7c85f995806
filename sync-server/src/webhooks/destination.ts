/**
 * The SSRF guard: a tenant chooses where the server sends requests, so a webhook URL must not let them make
 * the server call into its own network (a database's HTTP port, a cloud metadata service on 169.254.169.254).
 * A URL is checked when an endpoint is saved, with a message that says why it is refused, and again before
 * every delivery, because a host name can resolve elsewhere later (DNS rebinding). The operator setting
 * OUTBOUND_ALLOW_PRIVATE lifts the address rule and allows plain http (a self-hosted install, tests).
 */
import { lookup } from 'node:dns/promises';
import { ADDRESS_KIND_WORDS, addressKind } from './ip-ranges';

/** Every address a host name stands for (an IP literal stands for itself and is never looked up). */
export type ResolveHost = (host: string) => Promise<string[]>;

export interface DestinationPolicy {
  /** `config.outbound.allowPrivateDestinations`. */
  readonly allowPrivate: boolean;
  readonly resolveHost: ResolveHost;
}

export type DestinationRefusal = 'invalid-url' | 'scheme' | 'credentials' | 'private-address' | 'unresolvable';

/** A destination the server will not send to; `message` says why, for the person who entered it. */
export class DestinationError extends Error {
  override name = 'DestinationError';
  constructor(
    readonly reason: DestinationRefusal,
    message: string,
  ) {
    super(message);
  }
}

export const resolveWithDns: ResolveHost = async (host) => {
  const addresses = await lookup(host, { all: true, verbatim: true });
  return addresses.map((a) => a.address);
};

/** The URL's own rules (scheme, credentials), without looking anything up. */
export function parseDestination(raw: string, policy: Pick<DestinationPolicy, 'allowPrivate'>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationError('invalid-url', 'Enter a full URL, such as https://example.com/webhooks/vitals.');
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new DestinationError(
      'scheme',
      policy.allowPrivate ? 'Use an http:// or https:// URL.' : 'Use an https:// URL: webhooks carry your data, so they are only sent encrypted.',
    );
  }
  if (url.username || url.password) {
    throw new DestinationError('credentials', 'Remove the user name and password from the URL: each webhook is signed, so your endpoint can check the sender with the secret instead.');
  }
  return url;
}

const PUBLIC_ONLY = "Webhooks are only sent to addresses on the public internet (the server's operator can allow private ones).";

const isIpLiteral = (host: string): boolean => host.startsWith('[') || /^[\d.]+$/.test(host);

async function addressesOf(host: string, resolveHost: ResolveHost): Promise<string[]> {
  // URL keeps IPv6 literals in brackets and has already normalised IPv4 spellings (0x7f.1, 2130706433).
  if (isIpLiteral(host)) return [host.replace(/^\[|\]$/g, '')];
  let addresses: string[];
  try {
    addresses = await resolveHost(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new DestinationError('unresolvable', `The host ${host} could not be found${typeof code === 'string' ? ` (${code})` : ''}. Check the URL.`);
  }
  if (addresses.length === 0) throw new DestinationError('unresolvable', `The host ${host} has no address. Check the URL.`);
  return addresses;
}

function refusePrivate(host: string, addresses: readonly string[]): void {
  // Any one private address is enough: the HTTP client may pick any of them.
  for (const address of addresses) {
    const kind = addressKind(address);
    if (kind === null) continue;
    const what = ADDRESS_KIND_WORDS[kind];
    const subject = isIpLiteral(host) ? `${address} is ${what}` : `${host} resolves to ${address}, ${what}`;
    throw new DestinationError('private-address', `${subject}. ${PUBLIC_ONLY}`);
  }
}

/** RFC 6761: these names are this machine, whatever a resolver is configured to say. */
const isLoopbackName = (host: string): boolean => /(^|\.)localhost\.?$/.test(host);

/** Parses `raw` and, unless private destinations are allowed, refuses it when any address of its host is not public. */
export async function checkDestination(raw: string, policy: DestinationPolicy): Promise<URL> {
  const url = parseDestination(raw, policy);
  if (policy.allowPrivate) return url;
  if (isLoopbackName(url.hostname)) {
    throw new DestinationError('private-address', `${url.hostname} is a loopback name (this server itself). ${PUBLIC_ONLY}`);
  }
  refusePrivate(url.hostname, await addressesOf(url.hostname, policy.resolveHost));
  return url;
}
