import { BlockList, isIP } from 'node:net';

// An IPv4 address written as IPv6 (::ffff:a.b.c.d), as a dual-stack socket reports IPv4 peers.
const MAPPED_IPV4 = /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i;

/** An address in the form the limiter counts it by: IPv4-mapped IPv6 written as plain IPv4. */
export function plainAddress(address: string): string {
  return address.trim().replace(MAPPED_IPV4, '');
}

// Some proxies write a hop with its port: `203.0.113.9:4711`, `[2001:db8::7]:443`.
const WITH_PORT = /^(?:(\d+\.\d+\.\d+\.\d+):\d+|\[([^\]]+)\](?::\d+)?)$/;

/** A hop of `X-Forwarded-For` as a plain address, without a port or brackets around IPv6. */
function hopAddress(hop: string): string {
  const trimmed = hop.trim();
  const match = WITH_PORT.exec(trimmed);
  return plainAddress(match ? (match[1] ?? match[2] ?? trimmed) : trimmed);
}

/**
 * Whether `entry` is an IP address or a network in CIDR notation (`10.0.0.0/8`, `fd00::/8`): what
 * `KHABAR_API_TRUSTED_PROXIES` accepts.
 */
export function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = /^\d+$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** The addresses and networks of `entries` (each checked by `isAddressOrNetwork`), as one list. */
export function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [written = '', prefix] = entry.split('/');
    // A single IPv4 address written as IPv6 (::ffff:a.b.c.d) is listed as the IPv4 address it is.
    const address = prefix === undefined ? plainAddress(written) : written;
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function contains(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client a request comes from. Without trusted proxies, or from a peer that is not one, it is the
 * peer: an `X-Forwarded-For` a client wrote itself is not believed. From a trusted proxy, the header is
 * read right to left, past the proxies that are trusted, to the first address that is not: entries
 * further left were written by whoever sent the request and could be anything. A hop may carry a port
 * (`203.0.113.9:4711`, `[2001:db8::7]:443`); an entry that is not an address stops the walk at the hop
 * that added it.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList | null,
): string {
  if (peer === undefined) return 'unknown';
  let client = plainAddress(peer);
  if (!trusted || !contains(trusted, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map(hopAddress).reverse();
  for (const hop of hops) {
    if (isIP(hop) === 0) break;
    client = hop;
    if (!contains(trusted, hop)) break;
  }
  return client;
}
