export {
  type TestModelRequest,
  type TestModelResponse,
  testModelCountTokens,
  testModelRespond,
} from '../test-model/test-model-respond.js';
export {
  createPinnedDispatcher,
  createRecordingDispatcher,
  normalizeFingerprint,
  type PinnedDispatcherOptions,
  type RecordingDispatcher,
  TlsFingerprintMismatchError,
} from '../tls/pinned-dispatcher.js';
export {
  createSelfSignedCertificate,
  fingerprintOf,
  loadOrCreateSellerCertificate,
  type SellerCertificate,
  type SellerCertificateOptions,
} from '../tls/seller-certificate.js';
export {
  type ForwardToUpstreamInput,
  forwardToUpstream,
  type HttpUpstream,
  type UpstreamResponse,
  type UpstreamTimeouts,
} from '../upstream/forward-to-upstream.js';
export { UpstreamError, type UpstreamErrorCode } from '../upstream/upstream-error.js';
export { upstreamHeaders } from '../upstream/upstream-headers.js';
export { upstreamUrl } from '../upstream/upstream-url.js';
export { createSellerNode, type SellerNode } from './seller-node.js';
export type {
  PaymentContext,
  PaymentGate,
  PaymentRefusal,
  SellerNodeOptions,
  SellerServiceConfig,
  SellerTls,
  SellerUpstream,
} from './seller-options.js';
