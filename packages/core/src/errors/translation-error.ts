import { TollwayError, type TollwayErrorOptions } from './tollway-error.js';

/** Stable codes of translation failures. */
export type TranslationErrorCode =
  /** The body does not match its format's schema. */
  | 'invalid_request'
  /** The body is valid, but the target format cannot express something essential in it. */
  | 'unsupported_parameter'
  /** A response body (not a request) does not match its format's schema. */
  | 'invalid_response';

/**
 * A request or response that cannot be translated. Always a client-side (400-class) problem:
 * `status` is the HTTP status a proxy should answer with, `param` the dotted path of the
 * offending field when there is one.
 *
 * @example
 * ```ts
 * const err = new TranslationError('invalid_request', 'messages.0.role: expected "user" or "assistant"', {
 *   param: 'messages.0.role',
 * });
 * err.status; // 400
 * ```
 */
export class TranslationError extends TollwayError {
  override readonly name = 'TranslationError';
  override readonly code: TranslationErrorCode;
  readonly status: number;
  readonly param: string | undefined;

  constructor(
    code: TranslationErrorCode,
    message: string,
    options: TollwayErrorOptions & { param?: string; status?: number } = {},
  ) {
    super(code, message, options);
    this.code = code;
    this.param = options.param;
    this.status = options.status ?? (code === 'invalid_response' ? 502 : 400);
  }
}
