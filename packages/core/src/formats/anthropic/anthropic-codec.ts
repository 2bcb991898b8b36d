import type { Codec } from '../codec.js';
import { parseAnthropicErrorBody, renderAnthropicErrorBody } from './anthropic-error.js';
import { createAnthropicStreamParser } from './anthropic-stream-parser.js';
import { createAnthropicStreamRenderer } from './anthropic-stream-renderer.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { parseAnthropicResponse } from './parse-anthropic-response.js';
import { renderAnthropicRequest } from './render-anthropic-request.js';
import { renderAnthropicResponse } from './render-anthropic-response.js';

/**
 * The Anthropic Messages codec (`POST /v1/messages`): requests, whole responses, SSE streams
 * and error bodies, to and from the IR.
 *
 * @example
 * ```ts
 * const ctx = createContext();
 * const ir = anthropicCodec.parseRequest(body, ctx);
 * if (ir.ok) openaiChatCodec.renderRequest(ir.value, ctx);
 * ```
 */
export const anthropicCodec: Codec = {
  format: 'anthropic-messages',
  parseRequest: parseAnthropicRequest,
  renderRequest: renderAnthropicRequest,
  parseResponse: parseAnthropicResponse,
  renderResponse: renderAnthropicResponse,
  createStreamParser: createAnthropicStreamParser,
  createStreamRenderer: createAnthropicStreamRenderer,
  renderErrorBody: renderAnthropicErrorBody,
  parseErrorBody: parseAnthropicErrorBody,
};
