import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress } from './blocked-addresses.js';
import { checkUrl } from './check-url.js';
import { createSafeFetch, type Lookup } from './safe-fetch.js';
import { SsrfError } from './ssrf-error.js';

const BLOCKED = [
  ['0.0.0.0', 'this network'],
  ['0.1.2.3', 'this network'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private 10/8'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12'],
  ['192.168.1.1', 'private 192.168/16'],
  ['169.254.169.254', 'cloud metadata'],
  ['169.254.0.1', 'link-local'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.255', 'carrier-grade NAT'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['198.18.0.1', 'benchmarking'],
  ['::1', 'IPv6 loopback'],
  ['::', 'IPv6 unspecified'],
  ['fc00::1', 'unique local'],
  ['fd12:3456::1', 'unique local'],
  ['fe80::1', 'IPv6 link-local'],
  ['fe80::1%eth0', 'IPv6 link-local with zone'],
  ['ff02::1', 'IPv6 multicast'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
  ['0:0:0:0:0:ffff:10.0.0.1', 'IPv4-mapped private, long form'],
  ['64:ff9b::a00:1', 'NAT64'],
  ['64:ff9b::8.8.8.8', 'NAT64 of a public address'],
  ['2002:7f00:1::', '6to4'],
  ['2001:0:4136:e378::1', 'Teredo'],
  ['::127.0.0.1', 'IPv4-compatible'],
  ['not-an-ip', 'not an address'],
] as const;

const PUBLIC = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
];

describe('isBlockedAddress', () => {
  it.each(BLOCKED)('refuses %s (%s)', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(PUBLIC)('admits %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('judges an IPv4-mapped IPv6 address like its IPv4 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(isBlockedAddress(`::ffff:${ip}`)).toBe(isBlockedAddress(ip));
      }),
    );
  });

  it('refuses every address of 10/8, 172.16/12 and 192.168/16', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(byte, byte, byte, fc.integer({ min: 16, max: 31 }), (a, b, c, second) => {
        expect(isBlockedAddress(`10.${a}.${b}.${c}`)).toBe(true);
        expect(isBlockedAddress(`172.${second}.${b}.${c}`)).toBe(true);
        expect(isBlockedAddress(`192.168.${b}.${c}`)).toBe(true);
      }),
    );
  });
});

describe('checkUrl', () => {
  it.each([
    ['ftp://example.com/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pass@example.com/', 'credentials'],
    ['https://user@example.com/', 'credentials'],
    ['http://127.0.0.1:8080/', 'internal'],
    ['http://[::1]/', 'internal'],
    ['http://[::ffff:169.254.169.254]/', 'internal'],
    ['http://169.254.169.254/latest/meta-data', 'internal'],
    ['http://0x7f000001/', 'internal'],
    ['http://2130706433/', 'internal'],
    ['not a url', 'valid URL'],
  ])('refuses %s', (url, reason) => {
    const result = checkUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('admits public http and https URLs, and internal hosts on the allow-list', () => {
    expect(checkUrl('https://api.example.com/v1').ok).toBe(true);
    expect(checkUrl('http://93.184.216.34/').ok).toBe(true);
    expect(checkUrl('http://127.0.0.1:9000/', ['127.0.0.1']).ok).toBe(true);
    expect(checkUrl('http://[::1]:9000/', ['[::1]']).ok).toBe(true);
  });
});

describe('safeFetch', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      if (target) {
        res.writeHead(302, { location: target }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.method}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Names resolve through this table only: no test ever asks a real DNS server.
  const dns: Record<string, string[]> = {
    'metadata.test': ['169.254.169.254'],
    'private.test': ['10.1.2.3'],
    'mixed.test': ['93.184.216.34', '192.168.0.10'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'loopback.test': ['127.0.0.1'],
  };
  const lookup: Lookup = (hostname, _options, callback) => {
    const addresses = dns[hostname];
    if (!addresses)
      return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };

  async function refusal(promise: Promise<unknown>): Promise<SsrfError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SsrfError);
    return error as SsrfError;
  }

  it.each(Object.keys(dns).filter((h) => h !== 'loopback.test'))(
    'refuses a name that resolves to an internal address (%s)',
    async (host) => {
      const error = await refusal(createSafeFetch({ lookup })(`http://${host}:${port}/`));
      expect(error.code).toBe('internal_address');
    },
  );

  it('refuses internal IP literals before connecting', async () => {
    const error = await refusal(createSafeFetch({ lookup })(`http://127.0.0.1:${port}/`));
    expect(error.code).toBe('internal_address');
  });

  it('lets an allowed internal host through, by address or by name', async () => {
    const byAddress = createSafeFetch({ lookup, allowInternalHosts: ['127.0.0.1'] });
    expect(await (await byAddress(`http://127.0.0.1:${port}/`)).text()).toBe('hello GET');
    expect(
      await (await byAddress(`http://loopback.test:${port}/`, { method: 'POST', body: 'x' })).text(),
    ).toBe('hello POST');
    const byName = createSafeFetch({ lookup, allowInternalHosts: ['loopback.test'] });
    expect((await byName(`http://loopback.test:${port}/`)).status).toBe(200);
  });

  it('checks every redirect target again', async () => {
    const guarded = createSafeFetch({ lookup, allowInternalHosts: ['127.0.0.1'] });
    const toPrivate = `http://127.0.0.1:${port}/?to=${encodeURIComponent('http://10.0.0.1/')}`;
    expect((await refusal(guarded(toPrivate))).code).toBe('internal_address');
    const toMetadataName = `http://127.0.0.1:${port}/?to=${encodeURIComponent('http://metadata.test/')}`;
    expect((await refusal(guarded(toMetadataName))).code).toBe('internal_address');
    const toSchemeChange = `http://127.0.0.1:${port}/?to=${encodeURIComponent('file:///etc/passwd')}`;
    expect((await refusal(guarded(toSchemeChange))).code).toBe('invalid_url');
  });

  it('follows allowed redirects, at most five', async () => {
    const guarded = createSafeFetch({ lookup, allowInternalHosts: ['127.0.0.1'] });
    const hop = (to: string) => `http://127.0.0.1:${port}/?to=${encodeURIComponent(to)}`;
    const final = `http://127.0.0.1:${port}/end`;
    const redirectedPost = await guarded(hop(hop(final)), { method: 'POST', body: 'x' });
    expect(await redirectedPost.text()).toBe('hello GET');
    let six = final;
    for (let i = 0; i < 6; i++) six = hop(six);
    expect((await refusal(guarded(six))).code).toBe('too_many_redirects');
  });
});
