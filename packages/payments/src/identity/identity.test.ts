import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityError } from '../errors/identity-error.js';
import { identityFromHex } from './identity.js';

const KEY = '11'.repeat(32);
const PEER = '19e7e376e7c213b7e7e7e46cc70a5dd086daff2a';

function errorOf(run: () => unknown): IdentityError {
  try {
    run();
  } catch (error) {
    if (error instanceof IdentityError) return error;
    throw error;
  }
  throw new Error('expected an IdentityError');
}

describe('identityFromHex', () => {
  it('derives the checksummed address and the lower-case peer id', () => {
    const id = identityFromHex(KEY);
    expect(id.address).toBe('0x19E7E376E7C213B7E7e7e46cc70A5dD086DAff2A');
    expect(id.peerId).toBe(PEER);
    expect(id.account.address).toBe(id.address);
  });

  it('accepts an optional 0x, any case and surrounding whitespace, giving one identity', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9a-e][0-9a-f]{63}$/),
        fc.boolean(),
        fc.boolean(),
        (hex, prefix, upper) => {
          const text = ` ${prefix ? '0x' : ''}${upper ? hex.toUpperCase() : hex}\n`;
          expect(identityFromHex(text).peerId).toBe(identityFromHex(hex).peerId);
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each([
    ['', /has 0 hex characters; 64 are needed/],
    [KEY.slice(2), /has 62 hex characters/],
    [`${KEY}00`, /has 66 hex characters/],
    [`${KEY.slice(1)}g`, /not hex digits/],
    ['00'.repeat(32), /outside the secp256k1 key range/],
    ['ff'.repeat(32), /outside the secp256k1 key range/],
  ])('refuses %j, saying what is wrong and never echoing the key', (hex, reason) => {
    const error = errorOf(() => identityFromHex(hex, 'TOLLWAY_IDENTITY_HEX'));
    expect(error.code).toBe('invalid_identity_key');
    expect(error.message).toMatch(/^TOLLWAY_IDENTITY_HEX /);
    expect(error.message).toMatch(reason);
    if (hex) expect(error.message).not.toContain(hex.slice(0, 16));
  });
});
