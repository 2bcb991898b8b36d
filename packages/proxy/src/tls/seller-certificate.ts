import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A seller's TLS certificate, its key and the fingerprint buyers pin. */
export interface SellerCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint as Node prints it: upper-case hex pairs joined by colons. */
  fingerprint256: string;
}

/** Options of {@link loadOrCreateSellerCertificate}. */
export interface SellerCertificateOptions {
  /** Host names and IP addresses the certificate names (subject alternative names). */
  hosts: string[];
}

const CERT_FILE = 'seller-cert.pem';
const KEY_FILE = 'seller-key.pem';
const VALID_YEARS = 10;

/**
 * Loads the seller's self-signed certificate from `<dataDir>/tls/`, creating it on first start
 * (EC P-256, valid ten years, SANs for `hosts`; the key file gets mode 0600). Buyers do not
 * check the certificate against a CA: they pin its fingerprint, which the seller publishes in
 * its signed metadata.
 *
 * @example
 * ```ts
 * const { certPem, keyPem, fingerprint256 } = await loadOrCreateSellerCertificate(dataDir, {
 *   hosts: ['localhost', '127.0.0.1'],
 * });
 * https.createServer({ cert: certPem, key: keyPem });
 * ```
 */
export async function loadOrCreateSellerCertificate(
  dataDir: string,
  options: SellerCertificateOptions,
): Promise<SellerCertificate> {
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  const existing = await readPair(certPath, keyPath);
  if (existing) return existing;

  const created = await createSelfSignedCertificate(options.hosts);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, created.keyPem, { mode: 0o600 });
  // writeFile's mode only applies when it creates the file.
  await chmod(keyPath, 0o600);
  await writeFile(certPath, created.certPem, { mode: 0o644 });
  return created;
}

/**
 * A fresh self-signed certificate for `hosts`, kept in memory only (tests, ephemeral nodes).
 *
 * @example
 * ```ts
 * const { certPem, keyPem, fingerprint256 } = await createSelfSignedCertificate(['127.0.0.1']);
 * ```
 */
export async function createSelfSignedCertificate(hosts: string[]): Promise<SellerCertificate> {
  const names = hosts.length > 0 ? hosts : ['localhost'];
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private, fingerprint256: fingerprintOf(pems.cert) };
}

/**
 * The SHA-256 fingerprint of a PEM certificate ("AB:CD:…").
 *
 * @example
 * ```ts
 * fingerprintOf(certPem); // '3F:A0:…'
 * ```
 */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

async function readPair(certPath: string, keyPath: string): Promise<SellerCertificate | undefined> {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { certPem, keyPem, fingerprint256: fingerprintOf(certPem) };
}
