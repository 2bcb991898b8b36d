// Test-only helpers of the Responses codec's tests (not exported from the package).
import OpenAI from 'openai';
import { runParser } from '../../test-support/run-parser.js';
import type { ApiFormat } from '../api-format.js';
import type { CodecContext, TranslateOptions, TranslationWarning } from '../codec.js';
import type { IrStreamEvent } from '../ir.js';
import { type SseEvent, serializeSse } from '../sse.js';
import { createResponsesStreamParser } from './responses-stream-parser.js';
import { createResponsesStreamRenderer } from './responses-stream-renderer.js';

/** The format name of the fixtures. */
export const FORMAT: ApiFormat = 'openai-responses';

/** A codec context that collects its warnings. */
export function testContext(
  options: TranslateOptions = {},
): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}

export { runParser };

/** Parses a Responses stream into IR events. */
export function parseStream(events: SseEvent[], ctx: CodecContext = testContext()): IrStreamEvent[] {
  return runParser(createResponsesStreamParser(ctx), events);
}

/** Renders IR events as a Responses stream. */
export function renderStream(events: IrStreamEvent[], ctx: CodecContext = testContext()): SseEvent[] {
  const renderer = createResponsesStreamRenderer(ctx);
  return events.flatMap((e) => renderer.push(e));
}

/** The JSON payloads of rendered events. */
export function payloads(events: SseEvent[]): Array<Record<string, unknown> & { type: string }> {
  return events.map((e) => JSON.parse(e.data) as Record<string, unknown> & { type: string });
}

/** An SSE event with the payload's `type` as its name, as the Responses API sends them. */
export function wire(payload: Record<string, unknown> & { type: string }): SseEvent {
  return { event: payload.type, data: JSON.stringify(payload) };
}

/**
 * An OpenAI SDK client whose HTTP calls are answered with `events` as an SSE body, so that the
 * SDK's own stream helpers read what the renderer wrote.
 */
export function sdkServing(events: SseEvent[]): OpenAI {
  const body = events.map(serializeSse).join('');
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://sdk.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
}
