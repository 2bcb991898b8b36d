import type { CodecContext, StreamRenderer } from '../codec.js';
import { toAnthropicToolId, withIdPrefix } from '../ids.js';
import type { IrBlockStart, IrStreamEvent, IrUsage } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { renderAnthropicErrorBody } from './anthropic-error.js';
import { usageFromIr } from './anthropic-usage.js';
import { stopReasonFromIr } from './map-anthropic-stop-reason.js';

/** The id of a `message_start` synthesised because the IR stream had none. */
const SYNTHETIC_MESSAGE_ID = 'msg_tollway';

function sse(payload: Record<string, unknown> & { type: string }): SseEvent {
  return { event: payload.type, data: JSON.stringify(payload) };
}

function contentBlock(block: IrBlockStart): Record<string, unknown> {
  switch (block.kind) {
    case 'text':
    case 'refusal':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_call':
      return { type: 'tool_use', id: toAnthropicToolId(block.id), name: block.name, input: {} };
  }
}

/**
 * Creates a renderer of IR stream events as Anthropic Messages stream events: `message_start`,
 * `content_block_start` / `_delta` / `_stop` numbered 0, 1, 2… in start order (the SDK appends
 * a block on each `content_block_start`, whatever its `index`), then `message_delta` and
 * `message_stop` on `finish`, or an `error` event. A `message_start` is synthesised when the
 * IR stream reaches a block or `finish` without one. A tool block with no argument deltas is
 * valid: its input stays the `{}` of its start.
 *
 * @example
 * ```ts
 * const renderer = createAnthropicStreamRenderer(ctx);
 * for (const ir of irEvents) for (const e of renderer.push(ir)) res.write(serializeSse(e));
 * ```
 */
export function createAnthropicStreamRenderer(_ctx: CodecContext): StreamRenderer {
  let started = false;
  let done = false;
  let wireCount = 0;
  /** IR block index → Anthropic block index, for open blocks only. */
  const open = new Map<number, number>();

  function ensureStarted(out: SseEvent[], id = SYNTHETIC_MESSAGE_ID, model = '', usage?: IrUsage): void {
    if (started) return;
    started = true;
    out.push(
      sse({
        type: 'message_start',
        message: {
          id: withIdPrefix('msg_', id),
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: usageFromIr(usage),
        },
      }),
    );
  }

  function stopBlock(irIndex: number, out: SseEvent[]): void {
    const index = open.get(irIndex);
    if (index === undefined) return;
    open.delete(irIndex);
    out.push(sse({ type: 'content_block_stop', index }));
  }

  function delta(irIndex: number, payload: Record<string, unknown>, out: SseEvent[]): void {
    const index = open.get(irIndex);
    // Written as text (what JSON.stringify gives for the event): this runs for every delta.
    if (index !== undefined) {
      const data = `{"type":"content_block_delta","index":${index},"delta":${JSON.stringify(payload)}}`;
      out.push({ event: 'content_block_delta', data });
    }
  }

  function render(event: IrStreamEvent, out: SseEvent[]): void {
    switch (event.type) {
      case 'message-start':
        ensureStarted(out, event.id || SYNTHETIC_MESSAGE_ID, event.model, event.usage);
        return;
      case 'block-start': {
        ensureStarted(out);
        // One block at a time: a start implies the end of whatever is still open.
        for (const irIndex of [...open.keys()]) stopBlock(irIndex, out);
        const index = wireCount++;
        open.set(event.index, index);
        out.push(sse({ type: 'content_block_start', index, content_block: contentBlock(event.block) }));
        return;
      }
      case 'text-delta':
      case 'refusal-delta':
        if (event.text !== '') delta(event.index, { type: 'text_delta', text: event.text }, out);
        return;
      case 'thinking-delta':
        if (event.text !== '') delta(event.index, { type: 'thinking_delta', thinking: event.text }, out);
        return;
      case 'thinking-signature':
        delta(event.index, { type: 'signature_delta', signature: event.signature }, out);
        return;
      case 'tool-args-delta':
        if (event.json !== '')
          delta(event.index, { type: 'input_json_delta', partial_json: event.json }, out);
        return;
      case 'block-end':
        stopBlock(event.index, out);
        return;
      case 'finish':
        ensureStarted(out);
        for (const irIndex of [...open.keys()]) stopBlock(irIndex, out);
        out.push(
          sse({
            type: 'message_delta',
            delta: {
              stop_reason: stopReasonFromIr(event.stopReason),
              stop_sequence: event.stopSequence ?? null,
            },
            usage: usageFromIr(event.usage),
          }),
        );
        out.push(sse({ type: 'message_stop' }));
        done = true;
        return;
      case 'error':
        out.push(sse(renderAnthropicErrorBody(event.error) as Record<string, unknown> & { type: string }));
        done = true;
        return;
    }
  }

  return {
    push(event: IrStreamEvent): SseEvent[] {
      if (done) return [];
      const out: SseEvent[] = [];
      render(event, out);
      return out;
    },
  };
}
