import { TollwayError } from '../errors/tollway-error.js';

/** Stable codes of pinning failures. */
export type PinErrorCode = 'no_peer_pinned' | 'invalid_peer_id';

/** The three ways to pin a peer, as a user reads them in an error. */
export const PIN_HELP =
  'Pin a peer in one of three ways: run "tollway buyer connection set --peer <40-hex-peer-id>" ' +
  '(a session pin), send the header "x-antseed-pin-peer: <peer-id>", or prefix the model: ' +
  '"<peer-id>@<model>". "tollway network browse" lists peers.';

/**
 * A request that cannot be routed to a peer. `status` is the HTTP status to answer with and
 * `param` the request field at fault.
 *
 * @example
 * ```ts
 * const err = new PinError('no_peer_pinned', 'No peer is pinned.', 'x-antseed-pin-peer');
 * err.status; // 400
 * ```
 */
export class PinError extends TollwayError {
  override readonly name = 'PinError';
  override readonly code: PinErrorCode;
  readonly status = 400;
  readonly param: string;

  constructor(code: PinErrorCode, message: string, param: string) {
    super(code, message, { details: PIN_HELP });
    this.code = code;
    this.param = param;
  }
}
