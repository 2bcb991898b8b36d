export { BuyerError, type BuyerErrorCode } from './buyer/buyer-error.js';
export { type BuyerProxy, type BuyerProxyOptions, createBuyerProxy } from './buyer/buyer-proxy.js';
export { estimateInputTokens } from './buyer/count-tokens-estimate.js';
export {
  type DiscoverPeersOptions,
  type DiscoveryError,
  type DiscoveryResult,
  discoverPeers,
} from './buyer/discovery.js';
export type { VerifiedPeer } from './buyer/known-peer.js';
export { mergeDiscoveredPeers, PEER_CARRY_FORWARD_MS } from './buyer/merge-peers.js';
export {
  type BuyerPaymentContext,
  freePaymentStep,
  type PaymentDecision,
  type PaymentStep,
} from './buyer/payment-step.js';
export type { PeerTimeouts } from './buyer/send-to-peer.js';
export {
  configSchema,
  type SellerConfig,
  type TollwayConfig,
  type UsdPerMillion,
} from './config/config-schema.js';
export { type DataDirPaths, type DataDirSource, resolveDataDir } from './config/data-dir.js';
export { ConfigError, loadConfig, parseConfig } from './config/load-config.js';
export { BodyTooLargeError } from './http/read-body.js';
export { jsonLineLogger, type LogFields, type Logger, silentLogger } from './log/logger.js';
export { type AnnounceOptions, type AnnounceResult, startAnnouncing } from './seller/announce.js';
export { createSellerNode, type SellerNode } from './seller/seller-node.js';
export type {
  PaymentContext,
  PaymentGate,
  PaymentRefusal,
  SellerNodeOptions,
  SellerServiceConfig,
  SellerTls,
  SellerUpstream,
} from './seller/seller-options.js';
export {
  BUYER_STATE_FILE,
  type BuyerState,
  BuyerStateStore,
  buyerStateSchema,
  type DiscoveredPeer,
  discoveredPeerSchema,
} from './state/buyer-state.js';
export { JsonStateFile, type JsonStateFileOptions } from './state/json-state-file.js';
export { StateFileError, type StateFileErrorCode } from './state/state-file-error.js';
export {
  type TestModelRequest,
  type TestModelResponse,
  testModelCountTokens,
  testModelRespond,
} from './test-model/test-model-respond.js';
export {
  createPinnedDispatcher,
  createRecordingDispatcher,
  normalizeFingerprint,
  type PinnedDispatcherOptions,
  type RecordingDispatcher,
  TlsFingerprintMismatchError,
} from './tls/pinned-dispatcher.js';
export {
  createSelfSignedCertificate,
  fingerprintOf,
  loadOrCreateSellerCertificate,
  type SellerCertificate,
  type SellerCertificateOptions,
} from './tls/seller-certificate.js';
export {
  type ForwardToUpstreamInput,
  forwardToUpstream,
  type HttpUpstream,
  type UpstreamResponse,
  type UpstreamTimeouts,
} from './upstream/forward-to-upstream.js';
export { UpstreamError, type UpstreamErrorCode } from './upstream/upstream-error.js';
