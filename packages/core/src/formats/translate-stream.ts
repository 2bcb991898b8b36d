import type { ApiFormat } from './api-format.js';
import type { StreamParser, StreamRenderer, TranslateOptions } from './codec.js';
import { codecFor, createContext } from './codecs.js';
import type { IrStreamEvent, IrUsage } from './ir.js';
import { type BufferedEventSource, type SseEvent, TAKE_BUFFERED } from './sse.js';

/** Arguments of {@link translateStream}. */
export interface TranslateStreamInput {
  from: ApiFormat;
  to: ApiFormat;
  /** The source stream's events (from {@link parseSse}, or recorded). */
  events: AsyncIterable<SseEvent> | Iterable<SseEvent>;
  options?: TranslateOptions;
  /**
   * Called with the token usage each time the source reports it (at the start, and the final,
   * cumulative figure at the end; the last call is the one to meter by), in every direction
   * including pass-through. The IR counts it: cached input inside the input tokens.
   */
  onUsage?: (usage: IrUsage) => void;
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
export function translateStream(input: TranslateStreamInput): AsyncIterableIterator<SseEvent> {
  return new TranslatedStream(input);
}

/**
 * The iterator behind {@link translateStream}: a queue of rendered events refilled from the
 * source on demand. Written by hand rather than as an async generator because a generator pays
 * several promise hops per yielded event, which dominated the cost of translating a delta.
 */
class TranslatedStream implements AsyncIterableIterator<SseEvent> {
  private readonly parser: StreamParser;
  private readonly renderer: StreamRenderer;
  private readonly passthrough: boolean;
  private readonly onUsage: ((usage: IrUsage) => void) | undefined;
  private readonly source: AsyncIterator<SseEvent> | Iterator<SseEvent>;
  private queue: SseEvent[] = [];
  private head = 0;
  private finished = false;

  constructor(input: TranslateStreamInput) {
    const ctx = createContext(input.options);
    this.parser = codecFor(input.from).createStreamParser(ctx);
    this.renderer = codecFor(input.to).createStreamRenderer(ctx);
    this.passthrough = input.from === input.to;
    this.onUsage = input.onUsage;
    const events = input.events;
    this.source = Symbol.asyncIterator in events ? events[Symbol.asyncIterator]() : events[Symbol.iterator]();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<SseEvent> {
    return this;
  }

  next(): Promise<IteratorResult<SseEvent>> {
    if (this.head < this.queue.length)
      return Promise.resolve({ value: this.queue[this.head++]!, done: false });
    return this.refill();
  }

  async return(): Promise<IteratorResult<SseEvent>> {
    this.queue = [];
    this.head = 0;
    if (!this.finished) {
      this.finished = true;
      await this.source.return?.();
    }
    return { value: undefined, done: true };
  }

  private async refill(): Promise<IteratorResult<SseEvent>> {
    this.queue = [];
    this.head = 0;
    while (this.queue.length === 0 && !this.finished) {
      let step: IteratorResult<SseEvent>;
      try {
        step = await this.source.next();
      } catch (cause) {
        this.finished = true;
        this.render([sourceFailed(cause)], 'all');
        break;
      }
      if (step.done) {
        this.finished = true;
        // In pass-through mode the source's own events went out; only a missing end is added.
        this.render(this.parser.end(), this.passthrough ? 'errors' : 'all');
        break;
      }
      this.take(step.value);
      // Whatever else the source already holds (the rest of a network chunk) is handled now,
      // in this step, rather than one promise per event.
      if (!this.parser.done && TAKE_BUFFERED in this.source) {
        for (const event of (this.source as BufferedEventSource)[TAKE_BUFFERED]()) {
          this.take(event);
          if (this.parser.done) break;
        }
      }
      if (this.parser.done) {
        // The message is complete: stop reading (and let the source close its connection).
        this.finished = true;
        await this.source.return?.();
      }
    }
    return this.head < this.queue.length
      ? { value: this.queue[this.head++]!, done: false }
      : { value: undefined, done: true };
  }

  /** Parses one source event and queues what it implies. */
  private take(event: SseEvent): void {
    if (this.passthrough) this.queue.push(event);
    this.render(this.parser.push(event), this.passthrough ? 'none' : 'all');
  }

  /**
   * Renders IR events and queues what `show` lets out. The renderer sees every event, even in
   * pass-through mode, so that an error it must add is rendered in the right state.
   */
  private render(events: IrStreamEvent[], show: 'all' | 'errors' | 'none'): void {
    for (const ir of events) {
      if (this.onUsage && (ir.type === 'finish' || ir.type === 'message-start') && ir.usage)
        this.onUsage(ir.usage);
      const rendered = this.renderer.push(ir);
      if (show === 'all' || (show === 'errors' && ir.type === 'error')) this.queue.push(...rendered);
    }
  }
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
