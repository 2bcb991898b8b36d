import { describe, expect, it } from 'vitest';
import * as proxy from './index.js';

describe('@tollway/proxy public API', () => {
  it('exports exactly these names (a change here is an API change: add a changeset)', () => {
    expect(Object.keys(proxy).sort()).toMatchInlineSnapshot(`
      [
        "BUYER_STATE_FILE",
        "BodyTooLargeError",
        "BuyerError",
        "BuyerStateStore",
        "ConfigError",
        "JsonStateFile",
        "PEER_CARRY_FORWARD_MS",
        "StateFileError",
        "TlsFingerprintMismatchError",
        "UpstreamError",
        "buyerStateSchema",
        "configSchema",
        "createBuyerProxy",
        "createPinnedDispatcher",
        "createRecordingDispatcher",
        "createSelfSignedCertificate",
        "createSellerNode",
        "discoverPeers",
        "discoveredPeerSchema",
        "estimateInputTokens",
        "fingerprintOf",
        "forwardToUpstream",
        "freePaymentStep",
        "jsonLineLogger",
        "loadConfig",
        "loadOrCreateSellerCertificate",
        "mergeDiscoveredPeers",
        "normalizeFingerprint",
        "parseConfig",
        "resolveDataDir",
        "silentLogger",
        "startAnnouncing",
        "testModelCountTokens",
        "testModelRespond",
      ]
    `);
  });
});
