/**
 * The canonical intermediate representation (IR) that every wire format parses into and renders
 * from. It is a superset of what the three formats can say in common; what only one format can
 * say travels in `extras` (requests) or is reported as a warning when a target has no place for it.
 *
 * Conventions:
 * - Token counts are plain numbers (they are counts, never money).
 * - `inputTokens` is the TOTAL prompt size, cached reads and cache writes included (the OpenAI
 *   convention); Anthropic's `input_tokens` excludes both, so its codec converts.
 * - Tool call arguments are JSON text exactly as produced (never re-serialised), `"{}"` when empty.
 * - Ids are kept as the source gave them; a renderer maps them with the helpers in `ids.ts`.
 */

import type { ApiFormat } from './api-format.js';

/** A provider-specific cache marker (Anthropic `cache_control`), carried verbatim. */
export type IrCacheControl = Record<string, unknown>;

/** Plain text. */
export interface IrTextPart {
  type: 'text';
  text: string;
  cacheControl?: IrCacheControl;
  /** Anthropic citations / OpenAI annotations, carried verbatim to a same-family target only. */
  citations?: unknown[];
}

/** Where an image or file comes from. */
export type IrMediaSource =
  | { type: 'base64'; mediaType: string; data: string }
  | { type: 'url'; url: string }
  /** A provider-side file id (Anthropic Files API, OpenAI file ids). */
  | { type: 'file'; fileId: string };

/** An image given to the model. */
export interface IrImagePart {
  type: 'image';
  source: IrMediaSource;
  /** OpenAI's `detail` (`auto` | `low` | `high`). */
  detail?: string;
  cacheControl?: IrCacheControl;
}

/** A document (PDF or other file) given to the model. */
export interface IrFilePart {
  type: 'file';
  source: IrMediaSource;
  filename?: string;
  cacheControl?: IrCacheControl;
}

/** The result of a tool call, given back to the model by the user side. */
export interface IrToolResultPart {
  type: 'tool_result';
  /** The id of the call this answers (Anthropic `tool_use_id`, Chat `tool_call_id`, Responses `call_id`). */
  callId: string;
  /** Text and images; a plain string result is one text part. */
  content: Array<IrTextPart | IrImagePart | IrFilePart>;
  /** Whether the source sent the content as a plain string (so it is rendered back the same way). */
  contentIsString?: boolean;
  isError?: boolean;
  cacheControl?: IrCacheControl;
}

/**
 * Model reasoning. `signature` is opaque and passed byte-for-byte: Anthropic's `signature`, or
 * Responses' `encrypted_content`. Unsigned thinking (Chat `reasoning_content`) has none.
 */
export interface IrThinkingPart {
  type: 'thinking';
  text: string;
  signature?: string;
  /** Responses reasoning item id (`rs_…`), when known. */
  itemId?: string;
}

/** Anthropic redacted thinking: opaque encrypted data, no visible text. */
export interface IrRedactedThinkingPart {
  type: 'redacted_thinking';
  data: string;
}

/** A call of a tool by the model. */
export interface IrToolCallPart {
  type: 'tool_call';
  /** The call id the result refers to (`toolu_…`, `call_…`; Responses `call_id`). */
  id: string;
  /** Responses output item id (`fc_…`), when the source had one. */
  itemId?: string;
  name: string;
  /** JSON text of the arguments, `"{}"` when there are none. */
  arguments: string;
  cacheControl?: IrCacheControl;
}

/** A refusal by the model (OpenAI `refusal`). */
export interface IrRefusalPart {
  type: 'refusal';
  text: string;
}

/** What a user (or tool-result) turn may hold. */
export type IrUserPart = IrTextPart | IrImagePart | IrFilePart | IrToolResultPart;

/** What an assistant turn may hold, in order. */
export type IrAssistantPart =
  | IrTextPart
  | IrThinkingPart
  | IrRedactedThinkingPart
  | IrToolCallPart
  | IrRefusalPart;

/** One turn of the conversation. */
export type IrMessage =
  /** A system or developer message in the middle of the conversation (Chat and Responses allow it). */
  | { role: 'system'; content: IrTextPart[]; developer?: boolean }
  | { role: 'user'; content: IrUserPart[] }
  | { role: 'assistant'; content: IrAssistantPart[] };

/** A function tool the model may call. */
export interface IrTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (an object schema; `{type:'object',properties:{}}` when absent). */
  parameters: Record<string, unknown>;
  /** OpenAI `strict`. Left undefined when the source did not say. */
  strict?: boolean;
  cacheControl?: IrCacheControl;
}

/** How the model may choose tools. */
export type IrToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  /** Must call some tool (Anthropic `any`, OpenAI `required`). */
  | { type: 'required' }
  | { type: 'tool'; name: string };

/** Reasoning effort levels, as OpenAI names them. */
export type IrReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** Reasoning / extended thinking configuration. */
export interface IrReasoningConfig {
  enabled: boolean;
  /** Anthropic `budget_tokens`, when the source gave one. */
  budgetTokens?: number;
  /** OpenAI effort, when the source gave one. */
  effort?: IrReasoningEffort;
  /** Responses `reasoning.summary` (`auto` | `concise` | `detailed`). */
  summary?: string;
  /** Anthropic `thinking.type: 'adaptive'`. */
  adaptive?: boolean;
}

/** A structured-output request (Chat `response_format`, Responses `text.format`). */
export type IrResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

/** A whole model request. */
export interface IrRequest {
  model: string;
  /** Leading system prompt blocks (Anthropic `system`, Responses `instructions`, leading system messages). */
  system: IrTextPart[];
  /** Whether the leading system prompt came as developer messages (Chat / Responses). */
  systemIsDeveloper?: boolean;
  messages: IrMessage[];
  tools: IrTool[];
  toolChoice?: IrToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  stream: boolean;
  /** Chat `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** Chat `n`; only Chat can produce several choices. */
  n?: number;
  reasoning?: IrReasoningConfig;
  responseFormat?: IrResponseFormat;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Top-level fields of the source that the IR does not model, with the format they came from. */
  extras: IrExtras;
}

/** Fields the IR does not model, carried to a target that has a place for them. */
export interface IrExtras {
  format: ApiFormat;
  fields: Record<string, unknown>;
}

/** Why the model stopped. */
export type IrStopReason =
  /** Natural end (Anthropic `end_turn`, OpenAI `stop`). */
  | 'stop'
  /** Hit the token limit (`max_tokens`, `length`, Responses `incomplete: max_output_tokens`). */
  | 'length'
  /** Stopped to call tools (`tool_use`, `tool_calls`). */
  | 'tool_calls'
  /** Hit a stop sequence (Anthropic `stop_sequence`; OpenAI says `stop`). */
  | 'stop_sequence'
  /** Refused or filtered (`refusal`, `content_filter`). */
  | 'content_filter'
  /** Anthropic `pause_turn` (a long server-tool turn paused). */
  | 'pause';

/** Token usage of one response. */
export interface IrUsage {
  /** Total prompt tokens, cached reads and cache writes included. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens read from cache (part of `inputTokens`). */
  cachedInputTokens?: number;
  /** Prompt tokens written to cache (part of `inputTokens`; Anthropic only). */
  cacheCreationInputTokens?: number;
  /** Output tokens spent on reasoning (part of `outputTokens`). */
  reasoningTokens?: number;
}

/** A whole (non-streaming) model response. */
export interface IrResponse {
  id: string;
  model: string;
  /** Unix seconds, when the source said. */
  created?: number;
  content: IrAssistantPart[];
  stopReason: IrStopReason;
  /** The stop sequence that was hit, when known. */
  stopSequence?: string;
  usage: IrUsage;
}

/** An error as the IR carries it (from a stream's error event or an error body). */
export interface IrError {
  /** HTTP-ish status the error corresponds to (500 when unknown). */
  status: number;
  /**
   * Error kind, in Anthropic's vocabulary, which is the richest: `invalid_request_error`,
   * `authentication_error`, `permission_error`, `not_found_error`, `rate_limit_error`,
   * `api_error`, `overloaded_error`, `timeout_error`.
   */
  type: string;
  /** A stable code when the source had one (OpenAI `code`). */
  code?: string;
  message: string;
  param?: string;
}

/** Kinds of content block a stream opens. */
export type IrBlockStart =
  | { kind: 'text' }
  | { kind: 'thinking'; itemId?: string }
  | { kind: 'redacted_thinking'; data: string }
  | { kind: 'tool_call'; id: string; name: string; itemId?: string }
  | { kind: 'refusal' };

/**
 * One event of a translated stream. Blocks are numbered from 0 in the order they start, one
 * open at a time: a parser ends the open block before it starts the next one. A stream is
 * `message-start`, blocks, then exactly one of `finish` or `error`.
 */
export type IrStreamEvent =
  | { type: 'message-start'; id: string; model: string; created?: number; usage?: IrUsage }
  | { type: 'block-start'; index: number; block: IrBlockStart }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'thinking-delta'; index: number; text: string }
  /** The signature of a thinking block (sent once, before its `block-end`). */
  | { type: 'thinking-signature'; index: number; signature: string }
  | { type: 'tool-args-delta'; index: number; json: string }
  | { type: 'refusal-delta'; index: number; text: string }
  | { type: 'block-end'; index: number }
  /** The end of the message: why it stopped and the final, cumulative usage. */
  | { type: 'finish'; stopReason: IrStopReason; stopSequence?: string; usage: IrUsage }
  /** The stream broke; nothing follows. */
  | { type: 'error'; error: IrError };
