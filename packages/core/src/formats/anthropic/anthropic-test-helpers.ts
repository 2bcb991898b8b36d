// Test-only helpers of the Anthropic codec's tests (not exported from the package).
import type { ApiFormat } from '../api-format.js';
import type { CodecContext, StreamParser, TranslateOptions, TranslationWarning } from '../codec.js';
import type { IrStreamEvent } from '../ir.js';
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

/** Feeds every event to a parser (stopping once it is done), then ends it. */
export function runParser(parser: StreamParser, events: SseEvent[]): IrStreamEvent[] {
  const out: IrStreamEvent[] = [];
  for (const event of events) {
    out.push(...parser.push(event));
    if (parser.done) return out;
  }
  out.push(...parser.end());
  return out;
}

/** An SSE event with the payload's `type` as its name, as Anthropic sends them. */
export function wire(payload: Record<string, unknown> & { type: string }): SseEvent {
  return { event: payload.type, data: JSON.stringify(payload) };
}
