import { describe, expect, it } from 'vitest';
import * as payments from './index.js';

describe('@tollway/payments public API', () => {
  it('exports exactly these names (a change here is an API change: add a changeset)', () => {
    expect(Object.keys(payments).sort()).toMatchInlineSnapshot(`
      [
        "IdentityError",
        "PEER_METADATA_PROTOCOL",
        "REQUEST_SIGNATURE_HEADERS",
        "ReplayGuard",
        "SigningError",
        "canonicalJson",
        "identityFromHex",
        "loadIdentity",
        "newNonce",
        "peerMetadataSchema",
        "peerServiceSchema",
        "signPeerMetadata",
        "signRequest",
        "signedPeerMetadataSchema",
        "verifyPeerMetadata",
        "verifyRequest",
      ]
    `);
  });
});
