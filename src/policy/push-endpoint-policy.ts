// Where Siaga's push sender may connect. A push endpoint is an address a browser (or anyone holding a
// household's token) hands us, and the worker then POSTs to it: unchecked, it would let a caller make
// Siaga talk to its own Redis, database, or the cloud's metadata service. So an endpoint must be
// https, to a host on the push-service allow-list, and every address it names or resolves to must be
// public unicast. The URL parser has already turned every IPv4 spelling (decimal 2130706433, hex
// 0x7f000001, octal 0177.0.0.1, short 127.1, a trailing dot) into dotted quads, so the checks below
// see one form. The loopback exception exists only for the tests' local push service and is off
// unless configured.
import net from 'node:net';

export interface PushEndpointPolicy {
  /** Host names allowed (`*.example.com` allows every subdomain), or 'any' public host. */
  allowedHosts: readonly string[] | 'any';
  /** Lets http and loopback addresses (127.0.0.0/8, ::1) through: the tests' local push service. Never on by default. */
  allowLoopback: boolean;
}

/** The browsers' push services: Chrome/Edge-on-Android (FCM), Firefox (autopush), Edge (WNS), Safari (APNs). */
export const DEFAULT_PUSH_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

export const STRICT_PUSH_POLICY: PushEndpointPolicy = { allowedHosts: DEFAULT_PUSH_HOSTS, allowLoopback: false };

const NOT_PUBLIC_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.0.2.0', 24, 'reserved (documentation)'],
  ['192.88.99.0', 24, 'reserved (6to4 relay)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['198.51.100.0', 24, 'reserved (documentation)'],
  ['203.0.113.0', 24, 'reserved (documentation)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (incl. broadcast)'],
];
// IPv6: only global unicast (2000::/3) can be public; inside it, these blocks are not. Everything
// outside 2000::/3 (::1, ::, IPv4-mapped ::ffff:0:0/96 and -compatible ::/96, fc00::/7, fe80::/10,
// ff00::/8 …) is refused as a whole, so an IPv4 address cannot hide inside an IPv6 one.
const NOT_PUBLIC_V6: [string, number, string][] = [
  ['2001::', 23, 'reserved (IETF protocol assignments, incl. Teredo)'],
  ['2001:db8::', 32, 'reserved (documentation)'],
  ['2002::', 16, 'reserved (6to4, embeds an IPv4 address)'],
  ['3fff::', 20, 'reserved (documentation)'],
];

function blockList(ranges: [string, number, string][], family: 'ipv4' | 'ipv6'): (ip: string) => string | undefined {
  const lists = ranges.map(([net4, prefix, why]) => {
    const list = new net.BlockList();
    list.addSubnet(net4, prefix, family);
    return { list, why };
  });
  return (ip) => lists.find((l) => l.list.check(ip, family))?.why;
}
const v4Reason = blockList(NOT_PUBLIC_V4, 'ipv4');
const v6Reason = blockList(NOT_PUBLIC_V6, 'ipv6');
const globalUnicast = new net.BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');
// Two lists: a BlockList holding an IPv4 rule also matches IPv4-mapped IPv6 addresses, which the
// test exception must not let through.
const loopbackV4 = new net.BlockList();
loopbackV4.addSubnet('127.0.0.0', 8, 'ipv4');
const loopbackV6 = new net.BlockList();
loopbackV6.addAddress('::1', 'ipv6');

/** Why this IP address is not a public unicast address, or undefined when it is. */
export function nonPublicReason(ip: string): string | undefined {
  const family = net.isIP(ip);
  if (family === 4) return v4Reason(ip);
  if (family === 6) {
    if (!globalUnicast.check(ip, 'ipv6'))
      return ip === '::1' ? 'loopback' : 'not global unicast (loopback, unspecified, IPv4-mapped, private, link-local or multicast)';
    return v6Reason(ip);
  }
  return 'not an IP address';
}

/** Why Siaga may not connect to this resolved address under the policy, or undefined when it may. */
export function addressRefusal(ip: string, policy: PushEndpointPolicy, protocol = 'https:'): string | undefined {
  if (policy.allowLoopback && isLoopback(ip)) return undefined;
  if (protocol !== 'https:') return `${ip} is not loopback, and plain http goes only to the tests' local push service`;
  const why = nonPublicReason(ip);
  return why && `${ip} is ${why}`;
}

function isLoopback(ip: string): boolean {
  const family = net.isIP(ip);
  return family === 4 ? loopbackV4.check(ip, 'ipv4') : family === 6 && loopbackV6.check(ip, 'ipv6');
}

/** The URL's host as an IP address (brackets off) when it is one. */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return net.isIP(host) ? host : undefined;
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}

/**
 * Why this endpoint may not be stored or sent to (a sentence for a 422 answer or a delivery's
 * failure reason), or undefined when it may. No DNS here: the send checks the resolved addresses.
 */
export function endpointRefusal(endpoint: string, policy: PushEndpointPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  const ip = literalAddress(url);
  const testLoopback = policy.allowLoopback && ip !== undefined && isLoopback(ip);
  // Under the test setting http is let through here; the send then connects over http only to a loopback address.
  if (url.protocol !== 'https:' && !(policy.allowLoopback && url.protocol === 'http:')) return 'must be an https URL of a push service';
  if (ip !== undefined) {
    if (testLoopback) return undefined;
    if (url.protocol !== 'https:') return 'must be an https URL of a push service';
    const why = nonPublicReason(ip);
    if (why) return `names ${ip}, which is ${why}; only public push services are reached`;
    return policy.allowedHosts === 'any' ? undefined : 'must name a push service by its host name, not an IP address';
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost'))
    return `names ${host}, which is this machine; only public push services are reached`;
  if (!host.includes('.')) return `names "${host}", which is not a public host name`;
  if (policy.allowedHosts !== 'any' && !hostAllowed(host, policy.allowedHosts))
    return `host ${host} is not a known push service (allowed: ${policy.allowedHosts.join(', ')}; see PUSH_ALLOWED_HOSTS)`;
  return undefined;
}
