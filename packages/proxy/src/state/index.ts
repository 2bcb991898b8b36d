export {
  BUYER_STATE_FILE,
  type BuyerState,
  BuyerStateStore,
  buyerStateSchema,
  type DiscoveredPeer,
  discoveredPeerSchema,
} from './buyer-state.js';
export type { FileLockOptions } from './file-lock.js';
export { JsonStateFile, type JsonStateFileOptions } from './json-state-file.js';
export { StateFileError, type StateFileErrorCode } from './state-file-error.js';
