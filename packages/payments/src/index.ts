export { IdentityError, type IdentityErrorCode } from './errors/identity-error.js';
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
export { ReplayGuard, type ReplayGuardOptions } from './request-signing/replay-guard.js';
export { REQUEST_SIGNATURE_HEADERS } from './request-signing/request-message.js';
export { newNonce, type RequestToSign, signRequest } from './request-signing/sign-request.js';
export {
  type RequestVerification,
  type VerifyRequestInput,
  verifyRequest,
} from './request-signing/verify-request.js';
