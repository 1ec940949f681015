// Refuses destinations that point inside our own network (SSRF): every address a host resolves to must be public.
//
// Checked when a destination is saved and again before every delivery, on all the addresses DNS returns (one
// private address among public ones is enough to refuse: the connection may pick it). Literal IPs are classified
// after the WHATWG URL parser has normalised them, so odd notations (0x7f.1, 2130706433, 0177.0.0.1, 127.1) and
// IPv6 forms that embed an IPv4 address (::ffff:127.0.0.1, 64:ff9b::a00:1, 2002:a00:1::) meet the same rules.
//
// Residual risk, DNS rebinding: a name can resolve to a public address when checked and to a private one when the
// request connects. On Node, createGuardedFetch and the SMTP sender close that gap by connecting only to the
// addresses the guard approved (the check runs inside the socket's own lookup, and SMTP connects to the approved IP
// with the name kept for TLS). With any other fetch the window is the few milliseconds between check and connect,
// and what it could reach stays blind: redirects are never followed, and no response body is stored or shown.
// Where the runtime has no DNS (Workers), literal addresses and localhost names are still refused and other names
// rely on the platform's egress, which does not route to private networks.

/** How far beyond public addresses a deployment may deliver. */
export const ADDRESS_ALLOWANCES = ['none', 'loopback', 'private'] as const;
/**
 * none: public addresses only (production). loopback: also 127.0.0.0/8 and ::1 (local development, tests).
 * private: also RFC 1918, CGNAT and ULA ranges, for on-premises receivers and mail relays. Link-local (where cloud
 * metadata services answer, 169.254.169.254), multicast, unspecified, broadcast and reserved ranges are never allowed:
 * no real receiver lives there.
 */
export type AddressAllowance = (typeof ADDRESS_ALLOWANCES)[number];

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'ula'
  | 'link_local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'documentation'
  | 'reserved';

/** All the addresses a host name resolves to, as node:dns lookup with `all: true` gives them. */
export type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface GuardOptions {
  /**
   * null where the runtime cannot resolve names (Workers): literal IPs and localhost names are still checked, other
   * names are left to the platform's own egress rules, which is said in the report as the weaker guarantee it is.
   */
  lookup: Lookup | null;
  allow: AddressAllowance;
}

export type GuardResult =
  | {
      ok: true;
      /** The host as the URL parser normalised it (IPv6 without brackets). */
      host: string;
      /** The approved addresses, to connect to exactly these; empty when names are not resolved here (lookup null). */
      addresses: Array<{ address: string; family: 4 | 6 }>;
      /** Every address is loopback: the one place plain http and SMTP without TLS are acceptable. */
      loopback: boolean;
    }
  /** refused: the address is not allowed (final); unresolved: DNS gave nothing (may be transient). */
  | { ok: false; reason: 'refused' | 'unresolved'; message: string };

type Ip = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

function parseIPv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function parseIPv6(input: string): number[] | null {
  let s = input.replace(/%.*$/, '');
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two hex groups.
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = [...head, ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return null;
  const words = [...head, ...Array<string>(8 - groups.length).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/**
 * The IP a host names, if it is a literal: normalised first by the URL parser (which reads hex, octal, short and
 * whole-number IPv4 forms and compresses IPv6), so "0x7f.1" and "127.0.0.1" are the same address here.
 */
export function parseIp(host: string): Ip | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const direct = parseIPv4(bare);
  if (direct) return { family: 4, bytes: direct };
  if (bare.includes(':')) {
    const v6 = parseIPv6(bare);
    return v6 ? { family: 6, bytes: v6 } : null;
  }
  const normalised = normaliseHost(bare);
  const v4 = normalised === null ? null : parseIPv4(normalised);
  return v4 ? { family: 4, bytes: v4 } : null;
}

/** A host as the URL parser reads it (lower case, IPv4 in dotted decimal, IPv6 compressed without brackets), or null. */
export function normaliseHost(host: string): string | null {
  if (!host || /[\s/\\?#@]/.test(host)) return null;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}/`).hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  } catch {
    return null;
  }
}

const inV4 = (b: number[], prefix: number[], bits: number): boolean => {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((b[byte]! & mask) !== (prefix[byte]! & mask)) return false;
  }
  return true;
};

/** IPv4 ranges that are not the public internet (IANA special-purpose registry), most specific first. */
const V4_RANGES: Array<[number[], number, AddressClass]> = [
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'cgnat'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link_local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function classifyV4(b: number[]): AddressClass {
  for (const [prefix, bits, cls] of V4_RANGES) if (inV4(b, prefix, bits)) return cls;
  return 'public';
}

/** An IPv4 address carried inside IPv6 is what the packet really reaches; a public one stays `fallback`. */
const embedded = (v4: number[], fallback: AddressClass): AddressClass => {
  const cls = classifyV4(v4);
  return cls === 'public' ? fallback : cls;
};

function classifyV6(b: number[]): AddressClass {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const word = (i: number) => (b[i * 2]! << 8) | b[i * 2 + 1]!;
  if (zeros(0, 16)) return 'unspecified';
  if (zeros(0, 15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible, deprecated and never routed).
  if (zeros(0, 10) && word(5) === 0xffff) return classifyV4(b.slice(12));
  if (zeros(0, 8) && word(4) === 0xffff && word(5) === 0) return classifyV4(b.slice(12));
  if (zeros(0, 12)) return embedded(b.slice(12), 'reserved');
  // NAT64: the well-known prefix reaches the embedded IPv4 address; the local-use one stays inside the network.
  if (word(0) === 0x64 && word(1) === 0xff9b && zeros(4, 12)) return classifyV4(b.slice(12));
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return 'private';
  if (word(0) === 0x100 && zeros(2, 8)) return 'reserved';
  if (word(0) === 0x2001 && word(1) === 0xdb8) return 'documentation';
  // Teredo tunnels reach whatever IPv4 host the (obfuscated) client address names.
  if (word(0) === 0x2001 && word(1) === 0) return 'reserved';
  // 6to4: the IPv4 address sits in bits 16–48.
  if (word(0) === 0x2002) return embedded(b.slice(2, 6), 'public');
  if ((b[0]! & 0xfe) === 0xfc) return 'ula';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link_local';
  // Site-local (fec0::/10) is deprecated, but some networks still route it internally.
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'private';
  if (b[0] === 0xff) return 'multicast';
  // Only 2000::/3 is allocated as global unicast.
  return (b[0]! & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/** What kind of address a literal IP is, or null when the text is not an IP address. */
export function classifyAddress(address: string): AddressClass | null {
  const ip = parseIp(address);
  if (!ip) return null;
  return ip.family === 4 ? classifyV4(ip.bytes) : classifyV6(ip.bytes);
}

export function addressAllowed(cls: AddressClass, allow: AddressAllowance): boolean {
  if (cls === 'public') return true;
  if (cls === 'loopback') return allow !== 'none';
  if (cls === 'private' || cls === 'cgnat' || cls === 'ula') return allow === 'private';
  return false;
}

const DESCRIBE: Record<AddressClass, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private network address',
  cgnat: 'a carrier-grade NAT address',
  ula: 'a unique local IPv6 address',
  link_local: 'a link-local address (where cloud metadata services answer)',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  documentation: 'an address reserved for documentation',
  reserved: 'a reserved address',
};

function refusal(host: string, address: string, cls: AddressClass, allow: AddressAllowance): GuardResult {
  const via = host === address ? '' : ` resolves to ${address}, which is`;
  const hint =
    cls === 'loopback' || cls === 'private' || cls === 'cgnat' || cls === 'ula'
      ? allow === 'none'
        ? '; private destinations are refused unless the deployment allows them'
        : '; this deployment allows only loopback among private destinations'
      : '; deliveries never go there';
  return { ok: false, reason: 'refused', message: `${host}${via || ' is'} ${DESCRIBE[cls]}${hint}.` };
}

/** Checks a host (name or literal IP) and every address it resolves to. */
export async function checkHost(host: string, options: GuardOptions): Promise<GuardResult> {
  const normalised = normaliseHost(host);
  if (normalised === null) return { ok: false, reason: 'refused', message: `${JSON.stringify(host)} is not a host name or IP address.` };
  const literal = parseIp(normalised);
  let addresses: Array<{ address: string; family: 4 | 6 }>;
  if (literal) {
    addresses = [{ address: normalised, family: literal.family }];
  } else if (options.lookup === null) {
    // Without DNS, the names every resolver answers with loopback are the ones still known (RFC 6761).
    if (normalised === 'localhost' || normalised.endsWith('.localhost')) addresses = [{ address: '127.0.0.1', family: 4 }];
    else return { ok: true, host: normalised, addresses: [], loopback: false };
  } else {
    let found: Array<{ address: string; family: number }>;
    try {
      found = await options.lookup(normalised);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, reason: 'unresolved', message: `${normalised} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}.` };
    }
    if (found.length === 0) return { ok: false, reason: 'unresolved', message: `${normalised} resolves to no address.` };
    addresses = [];
    for (const a of found) {
      const ip = parseIp(a.address);
      if (!ip) return { ok: false, reason: 'refused', message: `${normalised} resolves to ${JSON.stringify(a.address)}, which is not an IP address.` };
      addresses.push({ address: a.address.replace(/%.*$/, ''), family: ip.family });
    }
  }
  let loopback = true;
  for (const { address } of addresses) {
    const cls = classifyAddress(address)!;
    if (!addressAllowed(cls, options.allow)) return refusal(normalised, address, cls, options.allow);
    if (cls !== 'loopback') loopback = false;
  }
  return { ok: true, host: normalised, addresses, loopback };
}

/**
 * Checks a destination URL: https (plain http only to loopback, and only where loopback is allowed), no credentials
 * in it, and a host whose every address is allowed.
 */
export async function checkUrl(url: string, options: GuardOptions): Promise<GuardResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'refused', message: 'The URL is not a valid absolute URL.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'refused', message: 'Only https URLs are accepted.' };
  if (parsed.username || parsed.password) return { ok: false, reason: 'refused', message: 'A destination URL must not carry a user name or password.' };
  const result = await checkHost(parsed.hostname, options);
  if (result.ok && parsed.protocol === 'http:' && !result.loopback) {
    return {
      ok: false,
      reason: 'refused',
      message: options.allow === 'none' ? 'Only https URLs are accepted.' : 'Plain http is accepted only to a loopback address; use https.',
    };
  }
  return result;
}
