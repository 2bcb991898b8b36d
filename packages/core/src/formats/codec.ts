import type { TranslationError } from '../errors/translation-error.js';
import type { ApiFormat } from './api-format.js';
import type { IrError, IrRequest, IrResponse, IrStreamEvent } from './ir.js';
import type { SseEvent } from './sse.js';

/** Something the target format could not carry, or that was changed on the way. */
export interface TranslationWarning {
  /** Stable code: `dropped_field`, `dropped_content`, `changed_value`, `unknown_field`. */
  code: 'dropped_field' | 'dropped_content' | 'changed_value' | 'unknown_field';
  /**
   * Dotted path of the field (`messages.2.content.0.signature`, `seed`). Warnings found while
   * reading the source name its path; warnings found while writing the target count messages
   * and parts as the IR holds them, which can differ from the source where it had separate
   * system or tool messages.
   */
  path: string;
  message: string;
}

/** Outcome of a parse or render step: a value, never a thrown exception, for bad input. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: TranslationError };

/** Options shared by every translation. */
export interface TranslateOptions {
  /** `max_tokens` for Anthropic targets when the source has none (Anthropic requires it). Default 8192. */
  defaultMaxTokens?: number;
  /**
   * For OpenAI Chat targets of a stream: emit the trailing usage chunk (`choices: []`).
   * Default true; a proxy passes the client's `stream_options.include_usage`.
   */
  includeUsage?: boolean;
  /**
   * The token-limit field of OpenAI Chat targets. Default: `max_tokens` (every OpenAI-compatible
   * server knows it), or `max_completion_tokens` when the request asks for reasoning (OpenAI's
   * reasoning models accept only that one).
   */
  chatMaxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Unix seconds to stamp on rendered objects that need a time and whose source has none. */
  now?: number;
}

/** Collects warnings while a codec works. */
export interface CodecContext {
  options: TranslateOptions;
  warn(warning: TranslationWarning): void;
}

/** Turns a format's SSE events into IR events. One instance per stream. */
export interface StreamParser {
  /** Feed one source event; returns the IR events it implies (often none or one). */
  push(event: SseEvent): IrStreamEvent[];
  /**
   * The source ended. Returns the closing IR events: a held `finish`, or an `error` when the
   * source ended before the message was complete. Never called twice.
   */
  end(): IrStreamEvent[];
  /** Whether a terminal IR event (`finish` or `error`) has been produced. */
  readonly done: boolean;
}

/** Turns IR events into a format's SSE events. One instance per stream. */
export interface StreamRenderer {
  /** Render one IR event; returns the wire events it implies. */
  push(event: IrStreamEvent): SseEvent[];
}

/** Everything Tollway knows about one wire format. */
export interface Codec {
  readonly format: ApiFormat;
  parseRequest(body: unknown, ctx: CodecContext): Result<IrRequest>;
  renderRequest(ir: IrRequest, ctx: CodecContext): Result<Record<string, unknown>>;
  parseResponse(body: unknown, ctx: CodecContext): Result<IrResponse>;
  renderResponse(ir: IrResponse, ctx: CodecContext): Record<string, unknown>;
  createStreamParser(ctx: CodecContext): StreamParser;
  createStreamRenderer(ctx: CodecContext): StreamRenderer;
  /** The error body in this format's shape. */
  renderErrorBody(error: IrError): Record<string, unknown>;
  /** Reads an error body of this format (an upstream's error answer); undefined when it is not one. */
  parseErrorBody(body: unknown, status: number): IrError | undefined;
}
