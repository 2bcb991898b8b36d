import type { Codec } from '../codec.js';
import { parseChatErrorBody, renderChatErrorBody } from './chat-error.js';
import { createChatStreamParser } from './chat-stream-parser.js';
import { createChatStreamRenderer } from './chat-stream-renderer.js';
import { parseChatRequest } from './parse-chat-request.js';
import { parseChatResponse } from './parse-chat-response.js';
import { renderChatRequest } from './render-chat-request.js';
import { renderChatResponse } from './render-chat-response.js';

/**
 * The OpenAI Chat Completions codec (`POST /v1/chat/completions`): requests, whole
 * `chat.completion` bodies, `chat.completion.chunk` streams and `{"error": {...}}` bodies, to and
 * from the IR. Also reads the `reasoning_content` (DeepSeek, vLLM) and `reasoning` (OpenRouter)
 * extensions that OpenAI-compatible servers use for reasoning text.
 *
 * @example
 * ```ts
 * const ctx = { options: {}, warn: () => {} };
 * const ir = openaiChatCodec.parseRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, ctx);
 * ```
 */
export const openaiChatCodec: Codec = {
  format: 'openai-chat',
  parseRequest: parseChatRequest,
  renderRequest: renderChatRequest,
  parseResponse: parseChatResponse,
  renderResponse: renderChatResponse,
  createStreamParser: createChatStreamParser,
  createStreamRenderer: createChatStreamRenderer,
  renderErrorBody: renderChatErrorBody,
  parseErrorBody: parseChatErrorBody,
};
