import { describe, expect, it } from 'vitest';
import { addressAllowed, checkHost, checkUrl, classifyAddress, type AddressClass, type Lookup } from './addressGuard';

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const noDns: Lookup = async () => {
  throw new Error('a literal must not be looked up');
};

describe('classifyAddress', () => {
  const table: Array<[string, AddressClass | null]> = [
    // IPv4, the plain forms
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['169.254.169.254', 'link_local'],
    ['169.254.0.1', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    // IPv4, odd notations the URL parser reads as the same address
    ['0x7f.1', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['0xa9.0xfe.0xa9.0xfe', 'link_local'],
    ['2852039166', 'link_local'],
    ['0', 'unspecified'],
    // IPv6
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['febf::1', 'link_local'],
    ['fc00::1', 'ula'],
    ['fd12:3456:789a::1', 'ula'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['100::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
    ['3fff::1', 'public'],
    ['4000::1', 'reserved'],
    // IPv6 carrying IPv4
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::8.8.8.8', 'reserved'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link_local'],
    ['2002:808:808::1', 'public'],
    // not IP addresses
    ['example.com', null],
    ['1.2.3.4.5', null],
    ['::1::2', null],
    ['12345::', null],
    ['', null],
  ];

  it.each(table)('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('addressAllowed', () => {
  it('allows loopback only from "loopback" up, other private ranges only with "private", the rest never', () => {
    const classes: AddressClass[] = ['public', 'loopback', 'private', 'cgnat', 'ula', 'link_local', 'multicast', 'unspecified', 'broadcast', 'documentation', 'reserved'];
    const allowed = (allow: 'none' | 'loopback' | 'private') => classes.filter((c) => addressAllowed(c, allow));
    expect(allowed('none')).toEqual(['public']);
    expect(allowed('loopback')).toEqual(['public', 'loopback']);
    expect(allowed('private')).toEqual(['public', 'loopback', 'private', 'cgnat', 'ula']);
  });
});

describe('checkHost', () => {
  it('looks a name up and keeps every address, in order', async () => {
    const result = await checkHost('hooks.example.com', { lookup: resolvesTo('93.184.216.34', '2606:2800:220:1::1'), allow: 'none' });
    expect(result).toEqual({
      ok: true,
      host: 'hooks.example.com',
      addresses: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      loopback: false,
    });
  });

  it('refuses a name when any one of its addresses is private, not just the first', async () => {
    const result = await checkHost('mixed.example.com', { lookup: resolvesTo('93.184.216.34', '10.0.0.5'), allow: 'none' });
    expect(result).toEqual({
      ok: false,
      reason: 'refused',
      message: 'mixed.example.com resolves to 10.0.0.5, which is a private network address; private destinations are refused unless the deployment allows them.',
    });
  });

  it('refuses the metadata address even where private addresses are allowed', async () => {
    for (const allow of ['none', 'loopback', 'private'] as const) {
      const result = await checkHost('metadata.example.com', { lookup: resolvesTo('169.254.169.254'), allow });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('link-local');
    }
  });

  it('classifies literal IPs in odd notations without a lookup', async () => {
    for (const host of ['0x7f.1', '2130706433', '127.1', '[::ffff:127.0.0.1]', '::1']) {
      const result = await checkHost(host, { lookup: noDns, allow: 'none' });
      expect(result).toMatchObject({ ok: false, reason: 'refused' });
    }
    expect(await checkHost('0x7f.1', { lookup: noDns, allow: 'loopback' })).toEqual({
      ok: true,
      host: '127.0.0.1',
      addresses: [{ address: '127.0.0.1', family: 4 }],
      loopback: true,
    });
  });

  it('allows localhost in local development and says loopback', async () => {
    const result = await checkHost('localhost', { lookup: resolvesTo('127.0.0.1', '::1'), allow: 'loopback' });
    expect(result).toMatchObject({ ok: true, loopback: true });
  });

  it('tells an unresolvable name (may be transient) from a refused one', async () => {
    const failing: Lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    expect(await checkHost('nowhere.invalid', { lookup: failing, allow: 'none' })).toEqual({
      ok: false,
      reason: 'unresolved',
      message: 'nowhere.invalid could not be resolved (ENOTFOUND).',
    });
    expect(await checkHost('empty.example.com', { lookup: resolvesTo(), allow: 'none' })).toMatchObject({ ok: false, reason: 'unresolved' });
  });

  it('without DNS (Workers), still checks literals and localhost, and leaves other names to the platform', async () => {
    expect(await checkHost('hooks.example.com', { lookup: null, allow: 'none' })).toEqual({ ok: true, host: 'hooks.example.com', addresses: [], loopback: false });
    expect(await checkHost('app.localhost', { lookup: null, allow: 'none' })).toMatchObject({ ok: false, reason: 'refused' });
    expect(await checkHost('localhost', { lookup: null, allow: 'loopback' })).toMatchObject({ ok: true, loopback: true });
    expect(await checkHost('169.254.169.254', { lookup: null, allow: 'private' })).toMatchObject({ ok: false, reason: 'refused' });
    expect(await checkUrl('http://localhost:8787/hook', { lookup: null, allow: 'loopback' })).toMatchObject({ ok: true, loopback: true });
  });

  it('refuses things that are not hosts', async () => {
    for (const host of ['', 'a b', 'host/path', 'user@host', 'smtp.example.com:25', 'fe80::1%eth0']) {
      expect(await checkHost(host, { lookup: noDns, allow: 'private' })).toMatchObject({ ok: false, reason: 'refused' });
    }
  });
});

describe('checkUrl', () => {
  const publicDns = resolvesTo('93.184.216.34');

  it('accepts https to a public host', async () => {
    expect(await checkUrl('https://hooks.example.com/services/T/B/x', { lookup: publicDns, allow: 'none' })).toMatchObject({ ok: true });
  });

  it('refuses plain http, except to loopback where loopback is allowed', async () => {
    expect(await checkUrl('http://hooks.example.com/x', { lookup: publicDns, allow: 'none' })).toEqual({ ok: false, reason: 'refused', message: 'Only https URLs are accepted.' });
    expect(await checkUrl('http://hooks.example.com/x', { lookup: publicDns, allow: 'private' })).toEqual({
      ok: false,
      reason: 'refused',
      message: 'Plain http is accepted only to a loopback address; use https.',
    });
    expect(await checkUrl('http://127.0.0.1:8080/x', { lookup: noDns, allow: 'loopback' })).toMatchObject({ ok: true, loopback: true });
    expect(await checkUrl('http://127.0.0.1:8080/x', { lookup: noDns, allow: 'none' })).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('reads the host the way fetch will: odd IPv4 and bracketed IPv6 in URLs', async () => {
    for (const url of ['https://0x7f.1/', 'https://2130706433/', 'https://[::ffff:127.0.0.1]/', 'https://[::1]:8443/', 'https://0251.0376.0251.0376/latest/meta-data']) {
      expect(await checkUrl(url, { lookup: noDns, allow: 'none' })).toMatchObject({ ok: false, reason: 'refused' });
    }
  });

  it('refuses other schemes, credentials in the URL and junk', async () => {
    expect(await checkUrl('ftp://example.com/', { lookup: publicDns, allow: 'none' })).toMatchObject({ ok: false, message: 'Only https URLs are accepted.' });
    expect(await checkUrl('file:///etc/passwd', { lookup: publicDns, allow: 'none' })).toMatchObject({ ok: false });
    expect(await checkUrl('https://user:pass@example.com/', { lookup: publicDns, allow: 'none' })).toMatchObject({
      ok: false,
      message: 'A destination URL must not carry a user name or password.',
    });
    expect(await checkUrl('not a url', { lookup: publicDns, allow: 'none' })).toMatchObject({ ok: false, message: 'The URL is not a valid absolute URL.' });
  });
});
