/**
 * The OpenAI Responses codec (`POST /v1/responses`): requests, whole responses, streams and
 * error bodies ⇄ the IR.
 */
import type { Codec } from '../codec.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { parseResponsesResponse } from './parse-responses-response.js';
import { renderResponsesRequest } from './render-responses-request.js';
import { renderResponsesResponse } from './render-responses-response.js';
import { parseResponsesErrorBody, renderResponsesErrorBody } from './responses-error.js';
import { createResponsesStreamParser } from './responses-stream-parser.js';
import { createResponsesStreamRenderer } from './responses-stream-renderer.js';

/**
 * Everything Tollway knows about the OpenAI Responses format.
 *
 * @example
 * ```ts
 * const ctx = createContext();
 * const ir = openaiResponsesCodec.parseRequest({ model: 'gpt-5', input: 'Hi' }, ctx);
 * if (ir.ok) console.log(ir.value.messages);
 * ```
 */
export const openaiResponsesCodec: Codec = {
  format: 'openai-responses',
  parseRequest: parseResponsesRequest,
  renderRequest: renderResponsesRequest,
  parseResponse: parseResponsesResponse,
  renderResponse: renderResponsesResponse,
  createStreamParser: createResponsesStreamParser,
  createStreamRenderer: createResponsesStreamRenderer,
  renderErrorBody: renderResponsesErrorBody,
  parseErrorBody: parseResponsesErrorBody,
};
