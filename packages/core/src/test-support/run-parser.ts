// Test-only: drive a stream parser the way translateStream does.
import type { StreamParser } from '../formats/codec.js';
import type { IrStreamEvent } from '../formats/ir.js';
import type { SseEvent } from '../formats/sse.js';

/** Feeds every event to a parser (stopping once it is done, as the orchestrator does), then ends it. */
export function runParser(parser: StreamParser, events: SseEvent[]): IrStreamEvent[] {
  const out: IrStreamEvent[] = [];
  for (const event of events) {
    out.push(...parser.push(event));
    if (parser.done) return out;
  }
  out.push(...parser.end());
  return out;
}
