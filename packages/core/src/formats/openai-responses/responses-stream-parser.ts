/**
 * Responses stream events → IR stream events.
 */
import type { CodecContext, StreamParser } from '../codec.js';
import type { IrBlockStart, IrError, IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { stopReasonFromResponses } from './map-responses-stop-reason.js';
import { irErrorType, statusForResponsesCode } from './responses-error.js';
import { readResponsesFastDelta } from './responses-fast-delta.js';
import { reasoningItemToIr, SUMMARY_SEPARATOR } from './responses-reasoning.js';
import {
  type ResponsesOutputItem,
  type ResponsesStreamEvent,
  type ResponsesStreamResponse,
  responsesStreamEventSchema,
} from './responses-schema.js';
import { usageFromResponses } from './responses-usage.js';

type BlockKind = IrBlockStart['kind'];

/** An IR block opened for an output item (or one content part of a message item). */
interface Block {
  index: number;
  kind: BlockKind;
  /** The text (or argument JSON) emitted so far, to emit only what a `.done` event adds. */
  emitted: string;
  ended: boolean;
  /** Summary parts seen so far (reasoning blocks), to separate them. */
  summaryParts: number;
}

const TRUNCATED: IrError = {
  status: 502,
  type: 'api_error',
  code: 'stream_truncated',
  message: 'upstream stream ended before the response was complete',
};

/**
 * A parser of one Responses stream. `response.created` gives `message-start`; each message
 * content part (`output_text` or `refusal`) is one IR block; each `function_call` item is a tool
 * call block (arguments from the deltas, or from the `.done` events when no delta came); each
 * reasoning item is one thinking block (summary parts separated by blank lines, the item's
 * `encrypted_content` as its signature) or, with no summary but encrypted content, a redacted
 * thinking block. `response.completed` / `response.incomplete` finish the message;
 * `response.failed` and `error` events become IR errors.
 *
 * @example
 * ```ts
 * const parser = createResponsesStreamParser(ctx);
 * for await (const event of parseSse(res.body!)) for (const ir of parser.push(event)) handle(ir);
 * if (!parser.done) for (const ir of parser.end()) handle(ir);
 * ```
 */
export function createResponsesStreamParser(ctx: CodecContext): StreamParser {
  return new ResponsesStreamParser(ctx);
}

class ResponsesStreamParser implements StreamParser {
  done = false;
  private started = false;
  private nextIndex = 0;
  private open: Block | undefined;
  /** Blocks by `<output index>` (items) or `<output index>.<content index>` (message parts). */
  private readonly blocks = new Map<string, Block>();
  /** Output item ids by output index, from `response.output_item.added`. */
  private readonly itemIds = new Map<number, string>();
  private sawToolCall = false;

  constructor(private readonly ctx: CodecContext) {}

  push(sse: SseEvent): IrStreamEvent[] {
    if (this.done || sse.data.trim() === '[DONE]') return [];
    const event = readResponsesFastDelta(sse.data) ?? this.decode(sse);
    if (typeof event === 'string')
      return this.fail({ ...TRUNCATED, code: 'invalid_stream_event', message: event });
    const out: IrStreamEvent[] = [];

    switch (event.kind) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.start(out, event.value.response);
        break;
      case 'response.output_item.added':
        this.start(out);
        this.itemAdded(out, event.value.output_index, event.value.item);
        break;
      case 'response.content_part.added': {
        this.start(out);
        const { output_index: oi, content_index: ci, part } = event.value;
        if (part.type === 'output_text' || part.type === 'refusal') {
          const block = this.block(out, `${oi}.${ci}`, {
            kind: part.type === 'output_text' ? 'text' : 'refusal',
          });
          this.emit(out, block, part.text ?? part.refusal ?? '');
        } else if (part.type === 'reasoning_text') {
          this.thinking(out, oi);
        }
        break;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        this.start(out);
        const { output_index: oi, content_index: ci, delta } = event.value;
        const kind = event.kind === 'response.output_text.delta' ? 'text' : 'refusal';
        this.emit(out, this.block(out, `${oi}.${ci}`, { kind }), delta);
        break;
      }
      case 'response.output_text.done':
        this.complete(out, `${event.value.output_index}.${event.value.content_index}`, event.value.text);
        break;
      case 'response.refusal.done':
        this.complete(out, `${event.value.output_index}.${event.value.content_index}`, event.value.refusal);
        break;
      case 'response.content_part.done': {
        const { output_index: oi, content_index: ci, part } = event.value;
        const key = `${oi}.${ci}`;
        this.complete(out, key, part.text ?? part.refusal ?? '');
        this.endBlock(out, key);
        break;
      }
      case 'response.function_call_arguments.delta': {
        const block = this.blocks.get(String(event.value.output_index));
        if (block) this.emit(out, block, event.value.delta);
        break;
      }
      case 'response.function_call_arguments.done':
        this.complete(out, String(event.value.output_index), event.value.arguments);
        break;
      case 'response.reasoning_summary_part.added': {
        this.start(out);
        const block = this.thinking(out, event.value.output_index, event.value.item_id);
        if (block.summaryParts > 0) this.emit(out, block, SUMMARY_SEPARATOR);
        block.summaryParts++;
        break;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.start(out);
        this.emit(out, this.thinking(out, event.value.output_index, event.value.item_id), event.value.delta);
        break;
      case 'response.output_item.done':
        this.start(out);
        this.itemDone(out, event.value.output_index, event.value.item);
        break;
      case 'response.completed':
      case 'response.incomplete': {
        this.start(out, event.value.response);
        this.closeOpen(out);
        const response = event.value.response;
        const status = response.status ?? (event.kind === 'response.incomplete' ? 'incomplete' : 'completed');
        const hasToolCalls =
          this.sawToolCall || (response.output ?? []).some((item) => item.kind === 'function_call');
        out.push({
          type: 'finish',
          stopReason: stopReasonFromResponses(status, response.incomplete_details?.reason, hasToolCalls),
          usage: usageFromResponses(response.usage),
        });
        this.done = true;
        break;
      }
      case 'response.failed': {
        const error = event.value.response.error;
        out.push(...this.fail(irError(error?.code, error?.message ?? 'the response failed')));
        break;
      }
      case 'error': {
        const { code, message, param, error } = event.value;
        const ir = irError(code ?? error?.code, message ?? error?.message ?? 'upstream stream error');
        const where = param ?? error?.param;
        if (where) ir.param = where;
        out.push(...this.fail(ir));
        break;
      }
      default:
        // Keep-alives and events of hosted tools carry nothing the IR models.
        break;
    }
    return out;
  }

  end(): IrStreamEvent[] {
    if (this.done) return [];
    return this.fail(TRUNCATED);
  }

  /** The event, fully parsed and checked; a message saying what is wrong with it otherwise. */
  private decode(sse: SseEvent): ResponsesStreamEvent | string {
    let json: unknown;
    try {
      json = JSON.parse(sse.data);
    } catch {
      return 'upstream sent an event that is not JSON';
    }
    if (json !== null && typeof json === 'object' && !('type' in json) && sse.event) {
      json = { ...json, type: sse.event };
    }
    const parsed = responsesStreamEventSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') ?? '';
    return `upstream sent a malformed ${sse.event ?? 'stream'} event${where ? ` (${where}: ${issue?.message})` : ''}`;
  }

  private fail(error: IrError): IrStreamEvent[] {
    this.done = true;
    return [{ type: 'error', error }];
  }

  /** Emits `message-start` once, from the response object when there is one. */
  private start(out: IrStreamEvent[], response?: ResponsesStreamResponse): void {
    if (this.started) return;
    this.started = true;
    const event: IrStreamEvent = {
      type: 'message-start',
      id: response?.id ?? '',
      model: response?.model ?? '',
    };
    if (response?.created_at != null) event.created = response.created_at;
    out.push(event);
  }

  private itemAdded(out: IrStreamEvent[], oi: number, item: ResponsesOutputItem): void {
    if (item.kind !== 'unknown' && item.value.id) this.itemIds.set(oi, item.value.id);
    if (item.kind === 'function_call') {
      this.sawToolCall = true;
      const call = item.value;
      const block = this.block(out, String(oi), {
        kind: 'tool_call',
        id: call.call_id,
        name: call.name,
        ...(call.id ? { itemId: call.id } : {}),
      });
      this.emit(out, block, call.arguments);
    } else if (item.kind === 'unknown') {
      this.ctx.warn({
        code: 'dropped_content',
        path: `output.${oi}`,
        message: `output item of type "${item.type}" exists only on OpenAI Responses and was dropped`,
      });
    }
  }

  private itemDone(out: IrStreamEvent[], oi: number, item: ResponsesOutputItem): void {
    switch (item.kind) {
      case 'message':
        for (const [ci, part] of item.value.content.entries()) {
          if (part.kind !== 'output_text' && part.kind !== 'refusal') continue;
          const key = `${oi}.${ci}`;
          const text = part.kind === 'output_text' ? part.value.text : part.value.refusal;
          this.complete(out, key, text, { kind: part.kind === 'output_text' ? 'text' : 'refusal' });
          this.endBlock(out, key);
        }
        break;
      case 'function_call': {
        this.sawToolCall = true;
        const call = item.value;
        const start: IrBlockStart = {
          kind: 'tool_call',
          id: call.call_id,
          name: call.name,
          ...(call.id ? { itemId: call.id } : {}),
        };
        this.complete(out, String(oi), call.arguments, start);
        this.endBlock(out, String(oi));
        break;
      }
      case 'reasoning': {
        const key = String(oi);
        const block = this.blocks.get(key);
        const signature = item.value.encrypted_content;
        if (block) {
          if (!block.ended && block.kind === 'thinking' && signature) {
            out.push({ type: 'thinking-signature', index: block.index, signature });
          }
          this.endBlock(out, key);
          break;
        }
        // No summary was streamed: the finished item says what it holds.
        const part = reasoningItemToIr(item.value);
        if (!part) break;
        if (part.type === 'redacted_thinking') {
          this.block(out, key, { kind: 'redacted_thinking', data: part.data });
        } else {
          const thinking = this.block(out, key, {
            kind: 'thinking',
            ...(part.itemId ? { itemId: part.itemId } : {}),
          });
          this.emit(out, thinking, part.text);
          if (part.signature)
            out.push({ type: 'thinking-signature', index: thinking.index, signature: part.signature });
        }
        this.endBlock(out, key);
        break;
      }
      default:
        break;
    }
  }

  /** The thinking block of the reasoning item at `oi`, started on its first summary or text. */
  private thinking(out: IrStreamEvent[], oi: number, itemId?: string | null): Block {
    const id = itemId ?? this.itemIds.get(oi);
    return this.block(out, String(oi), { kind: 'thinking', ...(id ? { itemId: id } : {}) });
  }

  /** The block for `key`, started (after ending the open one) when it does not exist yet. */
  private block(out: IrStreamEvent[], key: string, start: IrBlockStart): Block {
    const existing = this.blocks.get(key);
    if (existing) return existing;
    this.closeOpen(out);
    const block: Block = {
      index: this.nextIndex++,
      kind: start.kind,
      emitted: '',
      ended: false,
      summaryParts: 0,
    };
    this.blocks.set(key, block);
    this.open = block;
    out.push({ type: 'block-start', index: block.index, block: start });
    return block;
  }

  /** Emits a delta of the block's kind; nothing for an ended block or an empty delta. */
  private emit(out: IrStreamEvent[], block: Block, text: string): void {
    if (block.ended || text === '') return;
    block.emitted += text;
    const { index } = block;
    switch (block.kind) {
      case 'text':
        out.push({ type: 'text-delta', index, text });
        break;
      case 'refusal':
        out.push({ type: 'refusal-delta', index, text });
        break;
      case 'thinking':
        out.push({ type: 'thinking-delta', index, text });
        break;
      case 'tool_call':
        out.push({ type: 'tool-args-delta', index, json: text });
        break;
      case 'redacted_thinking':
        break;
    }
  }

  /**
   * A `.done` event gives the full text: emit what the deltas did not (all of it when none
   * came). With `start`, a block that was never announced is started first.
   */
  private complete(out: IrStreamEvent[], key: string, full: string, start?: IrBlockStart): void {
    const block = this.blocks.get(key) ?? (start ? this.block(out, key, start) : undefined);
    if (!block || block.ended) return;
    if (full.startsWith(block.emitted)) this.emit(out, block, full.slice(block.emitted.length));
  }

  private endBlock(out: IrStreamEvent[], key: string): void {
    const block = this.blocks.get(key);
    if (!block || block.ended) return;
    block.ended = true;
    if (this.open === block) this.open = undefined;
    out.push({ type: 'block-end', index: block.index });
  }

  private closeOpen(out: IrStreamEvent[]): void {
    const open = this.open;
    if (!open) return;
    open.ended = true;
    this.open = undefined;
    out.push({ type: 'block-end', index: open.index });
  }
}

/** An IR error for a failed response's or `error` event's code and message. */
function irError(code: string | null | undefined, message: string): IrError {
  const status = statusForResponsesCode(code);
  const error: IrError = { status, type: irErrorType(status), message };
  if (code) error.code = code;
  return error;
}
