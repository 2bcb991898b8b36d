import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { IdentityError } from '../errors/identity-error.js';

/** A node's secp256k1 identity: its address, its peer id and a viem account that signs. */
export interface Identity {
  /** The checksummed address. */
  address: `0x${string}`;
  /** The address as 40 lower-case hex characters, without `0x`: how peers name each other. */
  peerId: string;
  /** Signs messages and typed data; holds the key without exposing it as a property. */
  account: PrivateKeyAccount;
}

// The order n of secp256k1: a private key must be in [1, n).
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * An identity from a private key in hex: 64 hex characters, with or without `0x`, any case,
 * surrounding whitespace ignored. A malformed key throws `IdentityError('invalid_identity_key')`
 * saying what is wrong (length, characters, range); the message never contains the key.
 *
 * @param hex the private key.
 * @param source how the key is named in an error (`TOLLWAY_IDENTITY_HEX`, a file path); default `identity key`.
 *
 * @example
 * ```ts
 * const id = identityFromHex('0x' + '11'.repeat(32));
 * id.peerId; // '19e7e376e7c213b7e7e7e46cc70a5dd086daff2a'
 * ```
 */
export function identityFromHex(hex: string, source = 'identity key'): Identity {
  const bare = hex.trim().replace(/^0x/i, '');
  const invalid = (what: string) =>
    new IdentityError('invalid_identity_key', `${source} ${what}`, {
      details: 'An identity key is 32 bytes as 64 hex characters (an optional 0x prefix is allowed).',
    });
  if (bare.length !== 64) throw invalid(`has ${bare.length} hex characters; 64 are needed`);
  if (!/^[0-9a-fA-F]{64}$/.test(bare)) throw invalid('contains characters that are not hex digits');
  const scalar = BigInt(`0x${bare}`);
  if (scalar === 0n || scalar >= CURVE_ORDER) throw invalid('is outside the secp256k1 key range');
  const account = privateKeyToAccount(`0x${bare.toLowerCase()}`);
  return { address: account.address, peerId: account.address.slice(2).toLowerCase(), account };
}
