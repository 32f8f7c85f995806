/**
 * Where the server may send a push request. A subscription's endpoint comes from the browser's push service,
 * but the request that registers it comes from whoever holds a session: without these rules anyone signed in
 * could make the server POST to its own network (SSRF). The endpoint is checked when saved (syntax: scheme,
 * host, no credentials) and again before every send (its host's addresses, since DNS can change).
 * OUTBOUND_ALLOW_PRIVATE lifts the address rules and allows plain http (self-hosted push services, tests).
 * The address ranges are the webhooks' (one list of what is not the public internet).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressKind } from '../webhooks/ip-ranges';

/** Longest endpoint accepted; real push services use well under 1 KB. */
export const MAX_ENDPOINT_LENGTH = 2048;

export interface EndpointPolicy {
  /** `config.outbound.allowPrivateDestinations`. */
  readonly allowPrivate: boolean;
}

/** Every address a host name stands for. */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

/** Names that mean this machine or its network without any DNS lookup. */
const isLocalName = (hostname: string): boolean =>
  /(^|\.)(localhost|local|internal|home\.arpa)$/i.test(hostname);

/** Why `endpoint` cannot be stored, in words for the person whose browser sent it; `null` when it can. */
export function endpointProblem(endpoint: string, policy: EndpointPolicy): string | null {
  if (endpoint.length > MAX_ENDPOINT_LENGTH)
    return `The push endpoint is longer than ${MAX_ENDPOINT_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The push endpoint is not a URL.';
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) return 'The push endpoint must be an https:// URL.';
  if (url.username || url.password) return 'The push endpoint must not contain a user name or password.';
  if (policy.allowPrivate) return null;
  const host = bare(url.hostname);
  if (isLocalName(host)) return 'The push endpoint must be on the public internet, not a local name.';
  if (isIP(host) !== 0 && addressKind(host) !== null)
    return 'The push endpoint must be on the public internet, not a private or loopback address.';
  return null;
}

/**
 * Refuses a send to a host that now resolves to a non-public address (DNS rebinding), unless allowed.
 * Returns why, or `null` when the request may go out. A failed lookup throws (the device's send fails, logged).
 */
export async function sendRefusal(
  endpoint: string,
  policy: EndpointPolicy,
  resolveHost: ResolveHost,
): Promise<string | null> {
  const saved = endpointProblem(endpoint, policy);
  if (saved !== null || policy.allowPrivate) return saved;
  const host = bare(new URL(endpoint).hostname);
  const addresses = isIP(host) !== 0 ? [host] : await resolveHost(host);
  const inside = addresses.find((address) => addressKind(address) !== null);
  return inside === undefined
    ? null
    : `The push endpoint's host ${host} resolves to ${inside}, which is not on the public internet.`;
}
