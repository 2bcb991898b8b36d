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
export {
  BUYER_STATE_FILE,
  type BuyerState,
  BuyerStateStore,
  buyerStateSchema,
  type DiscoveredPeer,
  discoveredPeerSchema,
} from './state/buyer-state.js';
export { StateFileError, type StateFileErrorCode } from './state/state-file-error.js';
