/**
 * IR stream events → Responses stream events.
 */
import type { CodecContext, StreamRenderer } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrBlockStart, IrError, IrStopReason, IrStreamEvent, IrThinkingPart, IrUsage } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { stopReasonToResponses } from './map-responses-stop-reason.js';
import { responsesCodeFor } from './responses-error.js';
import {
  functionCallItem,
  messageItem,
  messageItemId,
  outputTextPart,
  reasoningItemId,
  refusalPart,
} from './responses-output-items.js';
import { renderReasoningItem } from './responses-reasoning.js';
import { responseObject } from './responses-response-object.js';
import { usageToResponses } from './responses-usage.js';

/** The message item that consecutive text and refusal blocks write into. */
interface OpenMessage {
  outputIndex: number;
  item: Record<string, unknown>;
  content: unknown[];
}

/** The IR block being rendered and the output item it writes. */
type OpenBlock = {
  index: number;
  outputIndex: number;
  itemId: string;
  /** `,"item_id":…,"output_index":…` as JSON text, made once for the block's deltas. */
  idsJson?: string;
} & (
  | { kind: 'text' | 'refusal'; contentIndex: number; text: string }
  | { kind: 'tool_call'; call: { id: string; name: string; itemId?: string }; args: string }
  | { kind: 'thinking'; text: string; signature?: string }
  | { kind: 'redacted_thinking'; data: string }
);

/**
 * A renderer of one Responses stream. `message-start` gives `response.created` and
 * `response.in_progress` (synthesised when the first event is something else); each block gives
 * the full added/delta/done lifecycle of its output item, with consecutive text (and refusal)
 * blocks as content parts of one message item; `finish` gives `response.completed` (or
 * `response.incomplete` when cut short) with the full output and usage; `error` gives
 * `response.failed`. Every event carries a `sequence_number` from 0.
 *
 * @example
 * ```ts
 * const renderer = createResponsesStreamRenderer(ctx);
 * for (const ir of irEvents) for (const sse of renderer.push(ir)) res.write(serializeSse(sse));
 * ```
 */
export function createResponsesStreamRenderer(ctx: CodecContext): StreamRenderer {
  return new ResponsesStreamRenderer(ctx);
}

class ResponsesStreamRenderer implements StreamRenderer {
  private sequence = 0;
  private started = false;
  private finished = false;
  private id = 'resp_unknown';
  private model = '';
  private createdAt = 0;
  private readonly output: Record<string, unknown>[] = [];
  private message: OpenMessage | undefined;
  private block: OpenBlock | undefined;

  constructor(private readonly ctx: CodecContext) {}

  push(event: IrStreamEvent): SseEvent[] {
    if (this.finished) return [];
    const out: SseEvent[] = [];
    if (event.type === 'message-start') {
      this.start(out, event);
      return out;
    }
    this.start(out);
    switch (event.type) {
      case 'block-start':
        this.startBlock(out, event.index, event.block);
        break;
      case 'text-delta':
      case 'refusal-delta':
      case 'thinking-delta':
        this.textDelta(out, event.index, event.type, event.text);
        break;
      case 'tool-args-delta': {
        const block = this.block;
        if (block?.index !== event.index || block.kind !== 'tool_call' || event.json === '') break;
        block.args += event.json;
        out.push(this.deltaEvent('response.function_call_arguments.delta', block, '', event.json));
        break;
      }
      case 'thinking-signature':
        if (this.block?.index === event.index && this.block.kind === 'thinking')
          this.block.signature = event.signature;
        break;
      case 'block-end':
        if (this.block?.index === event.index) this.endBlock(out);
        break;
      case 'finish':
        this.finish(out, event.stopReason, event.usage);
        break;
      case 'error':
        this.fail(out, event.error);
        break;
    }
    return out;
  }

  /**
   * One event: `type` and `sequence_number` first, then `fields` in order. Written field by
   * field (the same text `JSON.stringify` gives for the merged object) because this runs for
   * every delta of a long stream.
   */
  private event(type: string, fields: Record<string, unknown>): SseEvent {
    let data = `{"type":${JSON.stringify(type)},"sequence_number":${this.sequence++}`;
    for (const key in fields) {
      const value = fields[key];
      if (value !== undefined) data += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
    return { event: type, data: `${data}}` };
  }

  private snapshot(
    status: 'in_progress' | 'completed' | 'incomplete' | 'failed',
    extra: {
      usage?: IrUsage;
      incompleteDetails?: { reason: string } | null;
      error?: { code: string; message: string };
    } = {},
  ): Record<string, unknown> {
    return responseObject({
      id: this.id,
      model: this.model,
      createdAt: this.createdAt,
      status,
      output: status === 'in_progress' ? [] : this.output,
      usage: extra.usage ? usageToResponses(extra.usage) : null,
      incompleteDetails: extra.incompleteDetails ?? null,
      error: extra.error ?? null,
    });
  }

  /** `response.created` and `response.in_progress`, once. */
  private start(out: SseEvent[], event?: Extract<IrStreamEvent, { type: 'message-start' }>): void {
    if (this.started) return;
    this.started = true;
    if (event) {
      if (event.id) this.id = withIdPrefix('resp_', event.id);
      this.model = event.model;
    }
    this.createdAt = event?.created ?? this.ctx.options.now ?? 0;
    out.push(this.event('response.created', { response: this.snapshot('in_progress') }));
    out.push(this.event('response.in_progress', { response: this.snapshot('in_progress') }));
  }

  private startBlock(out: SseEvent[], index: number, start: IrBlockStart): void {
    if (this.block) this.endBlock(out);
    if (start.kind === 'text' || start.kind === 'refusal') {
      const message = this.openMessage(out);
      const contentIndex = message.content.length;
      const part = start.kind === 'text' ? outputTextPart('') : refusalPart('');
      message.content.push(part);
      const itemId = message.item.id as string;
      this.block = {
        index,
        outputIndex: message.outputIndex,
        itemId,
        kind: start.kind,
        contentIndex,
        text: '',
      };
      out.push(
        this.event('response.content_part.added', {
          item_id: itemId,
          output_index: message.outputIndex,
          content_index: contentIndex,
          part,
        }),
      );
      return;
    }

    this.closeMessage(out, 'completed');
    const outputIndex = this.output.length;
    let item: Record<string, unknown>;
    if (start.kind === 'tool_call') {
      const call = { id: start.id, name: start.name, ...(start.itemId ? { itemId: start.itemId } : {}) };
      item = functionCallItem(call, '', 'in_progress');
      this.block = { index, outputIndex, itemId: item.id as string, kind: 'tool_call', call, args: '' };
    } else if (start.kind === 'thinking') {
      const itemId = start.itemId ?? reasoningItemId(this.id, outputIndex);
      item = { id: itemId, type: 'reasoning', summary: [] };
      this.block = { index, outputIndex, itemId, kind: 'thinking', text: '' };
    } else {
      const itemId = reasoningItemId(this.id, outputIndex);
      item = renderReasoningItem({ type: 'redacted_thinking', data: start.data }, itemId);
      this.block = { index, outputIndex, itemId, kind: 'redacted_thinking', data: start.data };
    }
    this.output.push(item);
    out.push(this.event('response.output_item.added', { output_index: outputIndex, item }));
    if (this.block.kind === 'thinking') {
      out.push(
        this.event('response.reasoning_summary_part.added', {
          item_id: this.block.itemId,
          output_index: outputIndex,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
      );
    }
  }

  private textDelta(
    out: SseEvent[],
    index: number,
    type: 'text-delta' | 'refusal-delta' | 'thinking-delta',
    text: string,
  ): void {
    const block = this.block;
    if (block?.index !== index || text === '') return;
    if (type === 'text-delta' && block.kind === 'text') {
      block.text += text;
      const at = `,"content_index":${block.contentIndex}`;
      out.push(this.deltaEvent('response.output_text.delta', block, at, text, ',"logprobs":[]'));
    } else if (type === 'refusal-delta' && block.kind === 'refusal') {
      block.text += text;
      out.push(
        this.deltaEvent('response.refusal.delta', block, `,"content_index":${block.contentIndex}`, text),
      );
    } else if (type === 'thinking-delta' && block.kind === 'thinking') {
      block.text += text;
      out.push(this.deltaEvent('response.reasoning_summary_text.delta', block, ',"summary_index":0', text));
    }
  }

  /**
   * A delta event, written as text in the field order `JSON.stringify` would give: this runs
   * for every delta of a long stream, so it avoids building and serialising an object.
   */
  private deltaEvent(type: string, block: OpenBlock, position: string, delta: string, after = ''): SseEvent {
    block.idsJson ??= `,"item_id":${JSON.stringify(block.itemId)},"output_index":${block.outputIndex}`;
    const head = `{"type":"${type}","sequence_number":${this.sequence++}${block.idsJson}${position}`;
    return { event: type, data: `${head},"delta":${JSON.stringify(delta)}${after}}` };
  }

  private endBlock(out: SseEvent[]): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    const ids = { item_id: block.itemId, output_index: block.outputIndex };
    switch (block.kind) {
      case 'text':
      case 'refusal': {
        const contentIndex = block.contentIndex;
        const part = block.kind === 'text' ? outputTextPart(block.text) : refusalPart(block.text);
        if (block.kind === 'text') {
          out.push(
            this.event('response.output_text.done', {
              ...ids,
              content_index: contentIndex,
              text: block.text,
              logprobs: [],
            }),
          );
        } else {
          out.push(
            this.event('response.refusal.done', { ...ids, content_index: contentIndex, refusal: block.text }),
          );
        }
        if (this.message) this.message.content[contentIndex] = part;
        out.push(this.event('response.content_part.done', { ...ids, content_index: contentIndex, part }));
        return;
      }
      case 'tool_call': {
        // A call without arguments still has a JSON object of them.
        const args = block.args === '' ? '{}' : block.args;
        out.push(
          this.event('response.function_call_arguments.done', {
            ...ids,
            name: block.call.name,
            arguments: args,
          }),
        );
        this.itemDone(out, block.outputIndex, functionCallItem(block.call, args, 'completed'));
        return;
      }
      case 'thinking': {
        const part = { type: 'summary_text', text: block.text };
        out.push(
          this.event('response.reasoning_summary_text.done', { ...ids, summary_index: 0, text: block.text }),
        );
        out.push(this.event('response.reasoning_summary_part.done', { ...ids, summary_index: 0, part }));
        const thinking: IrThinkingPart = { type: 'thinking', text: block.text };
        if (block.signature !== undefined) thinking.signature = block.signature;
        this.itemDone(out, block.outputIndex, renderReasoningItem(thinking, block.itemId));
        return;
      }
      case 'redacted_thinking':
        this.itemDone(
          out,
          block.outputIndex,
          renderReasoningItem({ type: 'redacted_thinking', data: block.data }, block.itemId),
        );
        return;
    }
  }

  private itemDone(out: SseEvent[], outputIndex: number, item: Record<string, unknown>): void {
    this.output[outputIndex] = item;
    out.push(this.event('response.output_item.done', { output_index: outputIndex, item }));
  }

  private openMessage(out: SseEvent[]): OpenMessage {
    if (this.message) return this.message;
    const outputIndex = this.output.length;
    const content: unknown[] = [];
    const item = messageItem(messageItemId(this.id, outputIndex), 'in_progress', content);
    this.output.push(item);
    out.push(this.event('response.output_item.added', { output_index: outputIndex, item }));
    this.message = { outputIndex, item, content };
    return this.message;
  }

  private closeMessage(out: SseEvent[], status: 'completed' | 'incomplete'): void {
    const message = this.message;
    if (!message) return;
    this.message = undefined;
    message.item.status = status;
    out.push(
      this.event('response.output_item.done', { output_index: message.outputIndex, item: message.item }),
    );
  }

  private finish(out: SseEvent[], stopReason: IrStopReason, usage: IrUsage): void {
    this.endBlock(out);
    const { status, incomplete_details } = stopReasonToResponses(stopReason);
    this.closeMessage(out, status === 'incomplete' ? 'incomplete' : 'completed');
    this.finished = true;
    const type = status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    out.push(
      this.event(type, { response: this.snapshot(status, { usage, incompleteDetails: incomplete_details }) }),
    );
  }

  private fail(out: SseEvent[], error: IrError): void {
    this.finished = true;
    this.recordPartialBlock();
    const failure = { code: responsesCodeFor(error), message: error.message };
    out.push(this.event('response.failed', { response: this.snapshot('failed', { error: failure }) }));
  }

  /** Puts what the open block has produced so far into the output (for a failed response). */
  private recordPartialBlock(): void {
    const block = this.block;
    if (!block) return;
    if (block.kind === 'text' || block.kind === 'refusal') {
      if (this.message) {
        this.message.content[block.contentIndex] =
          block.kind === 'text' ? outputTextPart(block.text) : refusalPart(block.text);
      }
    } else if (block.kind === 'tool_call') {
      this.output[block.outputIndex] = functionCallItem(block.call, block.args, 'in_progress');
    } else if (block.kind === 'thinking') {
      const item = {
        id: block.itemId,
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: block.text }],
      };
      this.output[block.outputIndex] = item;
    }
  }
}
