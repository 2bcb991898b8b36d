export { IdentityError, type IdentityErrorCode } from './errors/identity-error.js';
export { PaymentProviderError, type PaymentProviderErrorCode } from './errors/payment-provider-error.js';
export { SigningError, type SigningErrorCode } from './errors/signing-error.js';
export { type Identity, identityFromHex } from './identity/identity.js';
export { type LoadedIdentity, type LoadIdentityOptions, loadIdentity } from './identity/load-identity.js';
export { canonicalJson } from './metadata/canonical-json.js';
export {
  PEER_METADATA_PROTOCOL,
  type PeerMetadata,
  type PeerService,
  peerMetadataSchema,
  peerServiceSchema,
  type SignedPeerMetadata,
  signedPeerMetadataSchema,
} from './metadata/peer-metadata-schema.js';
export {
  type MetadataVerification,
  signPeerMetadata,
  type VerifyPeerMetadataOptions,
  verifyPeerMetadata,
} from './metadata/sign-peer-metadata.js';
export {
  type CreateNowPaymentInput,
  createNowPaymentsClient,
  NOWPAYMENTS_LIVE_BASE_URL,
  type NowPaymentsClient,
  type NowPaymentsClientOptions,
} from './nowpayments/nowpayments-client.js';
export {
  NOWPAYMENTS_SIGNATURE_HEADER,
  type NowPaymentsIpnVerification,
  signNowPaymentsIpn,
  verifyNowPaymentsIpn,
} from './nowpayments/nowpayments-ipn.js';
export {
  NOWPAYMENTS_STATUSES,
  type NowPayment,
  type NowPaymentsStatus,
} from './nowpayments/nowpayments-schema.js';
export {
  type CreatePayPalOrderInput,
  createPayPalClient,
  isPayPalOrderCaptured,
  PAYPAL_LIVE_BASE_URL,
  type PayPalClient,
  type PayPalClientOptions,
  payPalApproveUrl,
} from './paypal/paypal-client.js';
export type { PayPalOrder } from './paypal/paypal-schema.js';
export type { FetchLike } from './provider-http/provider-request.js';
export { ReplayGuard, type ReplayGuardOptions } from './request-signing/replay-guard.js';
export { REQUEST_SIGNATURE_HEADERS } from './request-signing/request-message.js';
export { newNonce, type RequestToSign, signRequest } from './request-signing/sign-request.js';
export {
  type RequestVerification,
  type VerifyRequestInput,
  verifyRequest,
} from './request-signing/verify-request.js';
