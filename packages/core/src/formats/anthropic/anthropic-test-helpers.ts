// Test-only helpers of the Anthropic codec's tests (not exported from the package).
import { runParser } from '../../test-support/run-parser.js';
import type { ApiFormat } from '../api-format.js';
import type { CodecContext, TranslateOptions, TranslationWarning } from '../codec.js';
import type { SseEvent } from '../sse.js';

/** The format name of the fixtures. */
export const FORMAT: ApiFormat = 'anthropic-messages';

/** A codec context that collects its warnings. */
export function testContext(
  options: TranslateOptions = {},
): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}

export { runParser };

/** An SSE event with the payload's `type` as its name, as Anthropic sends them. */
export function wire(payload: Record<string, unknown> & { type: string }): SseEvent {
  return { event: payload.type, data: JSON.stringify(payload) };
}
