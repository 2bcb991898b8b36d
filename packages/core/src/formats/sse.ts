import { createParser } from 'eventsource-parser';

/**
 * One server-sent event as Tollway handles it: the optional `event:` name and the `data:`
 * text exactly as on the wire (`[DONE]` included for OpenAI Chat).
 */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** A source of SSE bytes: a fetch body, a Node stream, an array of chunks. */
export type SseByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Parses a stream of SSE bytes into events, incrementally: each event is yielded as soon as its
 * terminating blank line has arrived. Chunks may split anywhere, inside a line or inside a
 * multi-byte UTF-8 character. Comment lines (`: keep-alive`) are skipped.
 *
 * @example
 * ```ts
 * const res = await fetch(url, { method: 'POST', body });
 * for await (const event of parseSse(res.body!)) console.log(event.event, event.data);
 * ```
 */
export function parseSse(source: SseByteSource): AsyncIterableIterator<SseEvent> {
  return new SseEventStream(source);
}

/**
 * Takes the events a parsed SSE stream already holds, without waiting: {@link translateStream}
 * uses it to handle all the events of one network chunk in one step instead of one promise per
 * event.
 */
export const TAKE_BUFFERED: unique symbol = Symbol('tollway.sse.takeBuffered');

/** An event source that can hand over what it already holds (see {@link TAKE_BUFFERED}). */
export interface BufferedEventSource {
  [TAKE_BUFFERED](): SseEvent[];
}

/** The iterator behind {@link parseSse}: bytes in, events out, one network chunk at a time. */
class SseEventStream implements AsyncIterableIterator<SseEvent>, BufferedEventSource {
  private readonly decoder = new TextDecoder();
  private readonly parser = createParser({ onEvent: (e) => this.queue.push(toSseEvent(e)) });
  private readonly source: AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;
  private queue: SseEvent[] = [];
  private head = 0;
  private ended = false;

  constructor(source: SseByteSource) {
    this.source = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<SseEvent> {
    return this;
  }

  [TAKE_BUFFERED](): SseEvent[] {
    const taken = this.head === 0 ? this.queue : this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    return taken;
  }

  next(): Promise<IteratorResult<SseEvent>> {
    if (this.head < this.queue.length)
      return Promise.resolve({ value: this.queue[this.head++]!, done: false });
    return this.pull();
  }

  async return(): Promise<IteratorResult<SseEvent>> {
    this.queue = [];
    this.head = 0;
    if (!this.ended) {
      this.ended = true;
      await this.source.return?.();
    }
    return { value: undefined, done: true };
  }

  private async pull(): Promise<IteratorResult<SseEvent>> {
    this.queue = [];
    this.head = 0;
    while (this.queue.length === 0 && !this.ended) {
      const step = await this.source.next();
      if (step.done) {
        this.ended = true;
        const rest = this.decoder.decode();
        if (rest) this.parser.feed(rest);
        // A final event without its blank line still counts: servers that close right after
        // the last `data:` line are common.
        this.parser.feed('\n\n');
      } else {
        const chunk = step.value;
        this.parser.feed(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
      }
    }
    return this.head < this.queue.length
      ? { value: this.queue[this.head++]!, done: false }
      : { value: undefined, done: true };
  }
}

/**
 * Parses a complete SSE text into events (the synchronous form of {@link parseSse}).
 *
 * @example
 * ```ts
 * parseSseText('event: ping\ndata: {"type":"ping"}\n\n'); // [{ event: 'ping', data: '{"type":"ping"}' }]
 * ```
 */
export function parseSseText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push(toSseEvent(e)) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

/**
 * Serialises one event to SSE text, ending with the blank line. Multi-line data becomes
 * several `data:` lines, as the SSE specification requires.
 *
 * @example
 * ```ts
 * serializeSse({ event: 'message_stop', data: '{"type":"message_stop"}' });
 * // 'event: message_stop\ndata: {"type":"message_stop"}\n\n'
 * ```
 */
export function serializeSse(event: SseEvent): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  // Almost every event is one line of JSON; split only when there is a line break to split at.
  if (event.data.indexOf('\n') === -1 && event.data.indexOf('\r') === -1)
    return `${out}data: ${event.data}\n\n`;
  for (const line of event.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

function toSseEvent(e: { event?: string | undefined; data: string; id?: string | undefined }): SseEvent {
  const out: SseEvent = { data: e.data };
  if (e.event !== undefined) out.event = e.event;
  if (e.id !== undefined) out.id = e.id;
  return out;
}
