/**
 * Which IP addresses are not on the public internet: loopback, private networks, link-local (where cloud
 * metadata services live), carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6 — including
 * IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::`, 6to4 `2002::`), which
 * would otherwise smuggle `127.0.0.1` past an IPv4-only list.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type AddressKind = 'loopback' | 'private' | 'link-local' | 'shared' | 'unspecified' | 'multicast' | 'reserved';

type Bytes = readonly number[];
interface Range {
  readonly prefix: Bytes;
  readonly bits: number;
  readonly kind: AddressKind;
}

function ipv4Bytes(ip: string): Bytes {
  return ip.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (zone id dropped, `::` expanded, a dotted IPv4 tail converted). */
function ipv6Bytes(ip: string): Bytes {
  let text = ip.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = ipv4Bytes(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function range(cidr: string, kind: AddressKind): Range {
  const [address = '', bits = ''] = cidr.split('/');
  return { prefix: isIPv4(address) ? ipv4Bytes(address) : ipv6Bytes(address), bits: Number(bits), kind };
}

function inRange(bytes: Bytes, { prefix, bits }: Range): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3]! & mask) !== (prefix[bit >> 3]! & mask)) return false;
  }
  return true;
}

// IANA special-purpose registries (RFC 6890 and successors), the parts a webhook must never reach.
const IPV4_RANGES: readonly Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.88.99.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: readonly Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('fc00::/7', 'private'),
  range('fe80::/10', 'link-local'),
  range('ff00::/8', 'multicast'),
  range('2001:db8::/32', 'reserved'),
];
/** Everything public in IPv6 is in 2000::/3 (global unicast); the rest is reserved or local. */
const GLOBAL_UNICAST = range('2000::/3', 'reserved');

/** IPv6 ranges whose bytes carry an IPv4 address, and where (byte offset). */
const EMBEDDED_IPV4: readonly { readonly range: Range; readonly at: number }[] = [
  { range: range('::ffff:0:0/96', 'reserved'), at: 12 },
  { range: range('64:ff9b::/96', 'reserved'), at: 12 },
  { range: range('2002::/16', 'reserved'), at: 2 },
];

function ipv4Kind(bytes: Bytes): AddressKind | null {
  return IPV4_RANGES.find((r) => inRange(bytes, r))?.kind ?? null;
}

function ipv6Kind(bytes: Bytes): AddressKind | null {
  const embedded = EMBEDDED_IPV4.find((e) => inRange(bytes, e.range));
  if (embedded) return ipv4Kind(bytes.slice(embedded.at, embedded.at + 4));
  const listed = IPV6_RANGES.find((r) => inRange(bytes, r));
  if (listed) return listed.kind;
  return inRange(bytes, GLOBAL_UNICAST) ? null : 'reserved';
}

/** What kind of non-public address `ip` is, or `null` for a public one. Anything that is not an IP is refused. */
export function addressKind(ip: string): AddressKind | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIPv4(bare)) return ipv4Kind(ipv4Bytes(bare));
  if (isIPv6(bare)) return ipv6Kind(ipv6Bytes(bare));
  return 'reserved';
}

/** How the refusal names the kind, in words a person configuring a webhook understands. */
export const ADDRESS_KIND_WORDS: Record<AddressKind, string> = {
  loopback: 'a loopback address (this server itself)',
  private: 'a private network address',
  'link-local': 'a link-local address (where cloud metadata services live)',
  shared: 'a carrier-grade NAT address (100.64.0.0/10)',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};
