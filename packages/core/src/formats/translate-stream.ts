import type { ApiFormat } from './api-format.js';
import type { StreamRenderer, TranslateOptions } from './codec.js';
import { codecFor, createContext } from './codecs.js';
import type { IrStreamEvent } from './ir.js';
import type { SseEvent } from './sse.js';

/** Arguments of {@link translateStream}. */
export interface TranslateStreamInput {
  from: ApiFormat;
  to: ApiFormat;
  /** The source stream's events (from {@link parseSse}, or recorded). */
  events: AsyncIterable<SseEvent> | Iterable<SseEvent>;
  options?: TranslateOptions;
}

/**
 * Translates a stream of SSE events from the upstream's format into the client's, event by
 * event: each target event is yielded as soon as the source event that implies it arrives.
 * The output always ends properly: with the target's terminal events, or with its error event
 * when the source reports an error, throws, or ends before the response is complete. Same-format
 * streams pass through unchanged (plus the terminal error event if the source breaks).
 *
 * @example
 * ```ts
 * const upstream = await fetch(url, { method: 'POST', headers, body });
 * const events = translateStream({
 *   from: 'openai-chat',
 *   to: 'anthropic-messages',
 *   events: parseSse(upstream.body!),
 * });
 * for await (const event of events) res.write(serializeSse(event));
 * ```
 */
export async function* translateStream(input: TranslateStreamInput): AsyncGenerator<SseEvent> {
  const ctx = createContext(input.options);
  const parser = codecFor(input.from).createStreamParser(ctx);
  const renderer = codecFor(input.to).createStreamRenderer(ctx);
  // In pass-through mode the source events go out as they came; the renderer still sees the IR
  // so that it can render a terminal error in the right state if the source breaks.
  const passthrough = input.from === input.to;
  const show = (ir: IrStreamEvent): boolean => !passthrough || (closing && ir.type === 'error');
  let closing = false;

  try {
    for await (const event of input.events) {
      const ir = parser.push(event);
      if (passthrough) yield event;
      yield* render(renderer, ir, show);
      if (parser.done) return;
    }
  } catch (cause) {
    yield* render(renderer, [sourceFailed(cause)], () => true);
    return;
  }
  closing = true;
  yield* render(renderer, parser.end(), show);
}

function render(
  renderer: StreamRenderer,
  events: IrStreamEvent[],
  show: (ir: IrStreamEvent) => boolean,
): SseEvent[] {
  const out: SseEvent[] = [];
  for (const ir of events) {
    const rendered = renderer.push(ir);
    if (show(ir)) out.push(...rendered);
  }
  return out;
}

function sourceFailed(cause: unknown): IrStreamEvent {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    type: 'error',
    error: {
      status: 502,
      type: 'api_error',
      code: 'upstream_stream_failed',
      message: `upstream stream failed: ${reason}`,
    },
  };
}
