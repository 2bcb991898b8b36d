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
export { upstreamHeaders } from './upstream/upstream-headers.js';
export { upstreamUrl } from './upstream/upstream-url.js';
