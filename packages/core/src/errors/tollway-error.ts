/** Options shared by every Tollway error. */
export interface TollwayErrorOptions {
  /** Extra detail a developer can act on (never secrets). */
  details?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Base class of every error Tollway raises or returns: a stable machine `code`, a short
 * human message, optional details and the original cause.
 *
 * @example
 * ```ts
 * const err = new TollwayError('no_peer_pinned', 'No peer is pinned.');
 * err.code; // 'no_peer_pinned'
 * ```
 */
export class TollwayError extends Error {
  override readonly name: string = 'TollwayError';
  readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(code: string, shortMessage: string, options: TollwayErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}
