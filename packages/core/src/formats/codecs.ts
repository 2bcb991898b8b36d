import { anthropicCodec } from './anthropic/anthropic-codec.js';
import type { ApiFormat } from './api-format.js';
import type { Codec, CodecContext, TranslateOptions, TranslationWarning } from './codec.js';
import { openaiChatCodec } from './openai-chat/chat-codec.js';
import { openaiResponsesCodec } from './openai-responses/responses-codec.js';

const CODECS: Record<ApiFormat, Codec> = {
  'anthropic-messages': anthropicCodec,
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
};

/** The codec of a format. */
export function codecFor(format: ApiFormat): Codec {
  return CODECS[format];
}

/** A codec context that collects warnings into `warnings`. */
export function createContext(
  options: TranslateOptions = {},
): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}
