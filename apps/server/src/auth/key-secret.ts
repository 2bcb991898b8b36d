import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new key id: `acf_` and 16 hex characters, as the Agent Commerce API shows them.
 *
 * @example
 * ```ts
 * newKeyId(); // 'acf_3f9c0a…'
 * ```
 */
export function newKeyId(): string {
  return `acf_${randomBytes(8).toString('hex')}`;
}

/**
 * A new secret: `sec_` and 32 random bytes in base64url. Shown once, stored only as a hash.
 *
 * @example
 * ```ts
 * newSecret(); // 'sec_q2Vv…' (47 characters)
 * ```
 */
export function newSecret(): string {
  return `sec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a secret: SHA-256, hex. A fast hash is enough because secrets carry 256
 * bits of randomness; a slow password hash would only cost time on every request.
 *
 * @example
 * ```ts
 * hashSecret('sec_abc').length; // 64
 * ```
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Whether `secret` hashes to `storedHash`, compared in constant time.
 *
 * @example
 * ```ts
 * secretMatches('sec_abc', hashSecret('sec_abc')); // true
 * ```
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
