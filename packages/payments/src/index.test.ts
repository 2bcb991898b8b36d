import { describe, expect, it } from 'vitest';
import * as payments from './index.js';

describe('@tollway/payments public API', () => {
  it('exports exactly these names (a change here is an API change: add a changeset)', () => {
    expect(Object.keys(payments).sort()).toMatchInlineSnapshot(`
      [
        "IdentityError",
        "NOWPAYMENTS_LIVE_BASE_URL",
        "NOWPAYMENTS_SIGNATURE_HEADER",
        "NOWPAYMENTS_STATUSES",
        "PAYPAL_LIVE_BASE_URL",
        "PEER_METADATA_PROTOCOL",
        "PaymentProviderError",
        "REQUEST_SIGNATURE_HEADERS",
        "ReplayGuard",
        "SigningError",
        "canonicalJson",
        "createNowPaymentsClient",
        "createPayPalClient",
        "identityFromHex",
        "isPayPalOrderCaptured",
        "loadIdentity",
        "newNonce",
        "payPalApproveUrl",
        "peerMetadataSchema",
        "peerServiceSchema",
        "signNowPaymentsIpn",
        "signPeerMetadata",
        "signRequest",
        "signedPeerMetadataSchema",
        "verifyNowPaymentsIpn",
        "verifyPeerMetadata",
        "verifyRequest",
      ]
    `);
  });
});
