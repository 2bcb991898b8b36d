import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSellerCertificate } from './seller-certificate.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadOrCreateSellerCertificate', () => {
  it('creates a ten-year certificate with the hosts as SANs, then reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-tls-'));
    dirs.push(dir);
    const first = await loadOrCreateSellerCertificate(dir, { hosts: ['seller.example', '127.0.0.1'] });
    const cert = new X509Certificate(first.certPem);
    expect(first.fingerprint256).toBe(cert.fingerprint256);
    expect(cert.subjectAltName).toContain('DNS:seller.example');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.checkPrivateKey((await import('node:crypto')).createPrivateKey(first.keyPem))).toBe(true);
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(Math.round(years)).toBe(10);

    expect(await readFile(join(dir, 'tls', 'seller-cert.pem'), 'utf8')).toBe(first.certPem);
    expect((await stat(join(dir, 'tls', 'seller-key.pem'))).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateSellerCertificate(dir, { hosts: ['other.example'] });
    expect(second).toEqual(first);
  });
});
