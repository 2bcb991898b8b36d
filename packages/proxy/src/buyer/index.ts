export { BuyerError, type BuyerErrorCode } from './buyer-error.js';
export { type BuyerProxy, type BuyerProxyOptions, createBuyerProxy } from './buyer-proxy.js';
export { estimateInputTokens } from './count-tokens-estimate.js';
export {
  type DiscoverPeersOptions,
  type DiscoveryError,
  type DiscoveryResult,
  discoverPeers,
} from './discovery.js';
export type { VerifiedPeer } from './known-peer.js';
export { mergeDiscoveredPeers, PEER_CARRY_FORWARD_MS } from './merge-peers.js';
export { outboundHeaders } from './outbound-headers.js';
export {
  type BuyerPaymentContext,
  freePaymentStep,
  type PaymentDecision,
  type PaymentStep,
} from './payment-step.js';
export { isLoopbackUrl, peerUrlPolicy } from './peer-url-policy.js';
export type { PeerTimeouts } from './send-to-peer.js';
