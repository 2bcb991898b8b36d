import type { CodecContext, StreamParser } from '../codec.js';
import { statusForIrErrorType } from '../error-types.js';
import type { IrError, IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { readAnthropicFastDelta } from './anthropic-fast-delta.js';
import {
  type AnthropicStreamEvent,
  type AnthropicUsage,
  anthropicStreamEventSchema,
} from './anthropic-schema.js';
import { mergeUsage, usageToIr } from './anthropic-usage.js';
import { stopReasonToIr } from './map-anthropic-stop-reason.js';

/** The block being streamed. */
interface OpenBlock {
  /** Anthropic's `index` of the block. */
  wireIndex: number;
  /** The IR index (blocks that are dropped do not take one). */
  index: number;
  kind: 'text' | 'thinking' | 'redacted_thinking' | 'tool_call';
  /** The thinking signature, sent as one IR event just before the block ends. */
  signature?: string;
  /** A tool input that came whole in `content_block_start` (some compatible backends do that). */
  startInput?: string;
  sawArgs: boolean;
}

type ParsedEvent = Exclude<AnthropicStreamEvent, { type: 'unknown' }>;

const TRUNCATED: IrError = {
  status: 502,
  type: 'api_error',
  code: 'stream_truncated',
  message: 'upstream stream ended before the response was complete',
};

function invalidEvent(detail: string): IrError {
  return {
    status: 502,
    type: 'api_error',
    code: 'invalid_stream_event',
    message: `upstream sent an invalid Anthropic stream event: ${detail}`,
  };
}

/** The event's JSON, with the SSE event name as its `type` when the data has none. */
function decode(event: SseEvent): { ok: true; value: AnthropicStreamEvent } | { ok: false; error: IrError } {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return { ok: false, error: invalidEvent('data is not JSON') };
  }
  if (data !== null && typeof data === 'object' && !('type' in data) && event.event !== undefined) {
    data = { ...data, type: event.event };
  }
  const parsed = anthropicStreamEventSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: invalidEvent(`${where}${issue?.message ?? 'invalid event'}`) };
}

/**
 * Creates a parser of Anthropic Messages stream events into IR events. Usage is cumulative:
 * `message_start` usage is merged with `message_delta` usage (later non-null values win) and
 * the final value goes on `finish`, emitted at `message_stop` (or at the end of the source when
 * `message_delta` came but `message_stop` did not). `ping`, `citations_delta` and unknown events
 * are ignored; blocks of unknown types (server tools) are dropped with a warning.
 *
 * @example
 * ```ts
 * const parser = createAnthropicStreamParser(ctx);
 * for await (const event of parseSse(res.body!)) for (const ir of parser.push(event)) handle(ir);
 * for (const ir of parser.end()) handle(ir);
 * ```
 */
export function createAnthropicStreamParser(ctx: CodecContext): StreamParser {
  let done = false;
  let started = false;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  let stopSequence: string | null | undefined;
  let sawMessageDelta = false;
  let calledTools = false;

  function ensureStarted(out: IrStreamEvent[]): void {
    if (started) return;
    started = true;
    out.push({ type: 'message-start', id: '', model: '' });
  }

  function closeOpen(out: IrStreamEvent[]): void {
    if (!open) return;
    const { index } = open;
    if (open.signature !== undefined)
      out.push({ type: 'thinking-signature', index, signature: open.signature });
    if (open.startInput !== undefined && !open.sawArgs)
      out.push({ type: 'tool-args-delta', index, json: open.startInput });
    out.push({ type: 'block-end', index });
    open = undefined;
  }

  function finish(out: IrStreamEvent[]): void {
    ensureStarted(out);
    closeOpen(out);
    const event: IrStreamEvent = {
      type: 'finish',
      stopReason: stopReasonToIr(stopReason, calledTools),
      usage: usageToIr(usage),
    };
    if (stopSequence != null) event.stopSequence = stopSequence;
    out.push(event);
    done = true;
  }

  function fail(out: IrStreamEvent[], error: IrError): void {
    out.push({ type: 'error', error });
    done = true;
  }

  function startBlock(event: ParsedEvent & { type: 'content_block_start' }, out: IrStreamEvent[]): void {
    const block = event.content_block;
    if (block.type === 'unknown') {
      ctx.warn({
        code: 'dropped_content',
        path: `content.${event.index}`,
        message: `a "${block.wireType}" block has no equivalent in the target format and was dropped`,
      });
      return;
    }
    ensureStarted(out);
    closeOpen(out);
    const index = nextIndex++;
    const opened: OpenBlock = { wireIndex: event.index, index, kind: 'text', sawArgs: false };
    switch (block.type) {
      case 'text':
        out.push({ type: 'block-start', index, block: { kind: 'text' } });
        if (block.text) out.push({ type: 'text-delta', index, text: block.text });
        break;
      case 'thinking':
        opened.kind = 'thinking';
        out.push({ type: 'block-start', index, block: { kind: 'thinking' } });
        if (block.thinking) out.push({ type: 'thinking-delta', index, text: block.thinking });
        if (block.signature) opened.signature = block.signature;
        break;
      case 'redacted_thinking':
        opened.kind = 'redacted_thinking';
        out.push({ type: 'block-start', index, block: { kind: 'redacted_thinking', data: block.data } });
        break;
      case 'tool_use': {
        opened.kind = 'tool_call';
        calledTools = true;
        out.push({
          type: 'block-start',
          index,
          block: { kind: 'tool_call', id: block.id, name: block.name },
        });
        const input = block.input;
        if (input !== null && typeof input === 'object' && Object.keys(input).length > 0) {
          opened.startInput = JSON.stringify(input);
        }
        break;
      }
    }
    open = opened;
  }

  function delta(event: ParsedEvent & { type: 'content_block_delta' }, out: IrStreamEvent[]): void {
    if (!open || open.wireIndex !== event.index) return;
    const { index, kind } = open;
    const d = event.delta;
    switch (d.type) {
      case 'text_delta':
        if (kind === 'text' && d.text !== '') out.push({ type: 'text-delta', index, text: d.text });
        break;
      case 'thinking_delta':
        if (kind === 'thinking' && d.thinking !== '')
          out.push({ type: 'thinking-delta', index, text: d.thinking });
        break;
      case 'signature_delta':
        // The SDK keeps the last signature rather than concatenating; so does this parser.
        if (kind === 'thinking') open.signature = d.signature;
        break;
      case 'input_json_delta':
        if (kind === 'tool_call' && d.partial_json !== '') {
          open.sawArgs = true;
          out.push({ type: 'tool-args-delta', index, json: d.partial_json });
        }
        break;
      // citations_delta and unknown deltas carry nothing the IR streams.
    }
  }

  function handle(event: ParsedEvent, out: IrStreamEvent[]): void {
    switch (event.type) {
      case 'message_start': {
        usage = mergeUsage(usage, event.message.usage);
        if (started) return;
        started = true;
        const start: IrStreamEvent = {
          type: 'message-start',
          id: event.message.id ?? '',
          model: event.message.model ?? '',
        };
        if (event.message.usage) start.usage = usageToIr(usage);
        out.push(start);
        return;
      }
      case 'content_block_start':
        startBlock(event, out);
        return;
      case 'content_block_delta':
        delta(event, out);
        return;
      case 'content_block_stop':
        if (open && open.wireIndex === event.index) closeOpen(out);
        return;
      case 'message_delta':
        sawMessageDelta = true;
        if (event.delta?.stop_reason != null) stopReason = event.delta.stop_reason;
        if (event.delta?.stop_sequence != null) stopSequence = event.delta.stop_sequence;
        usage = mergeUsage(usage, event.usage);
        return;
      case 'message_stop':
        finish(out);
        return;
      case 'error': {
        const type = event.error?.type ?? 'api_error';
        fail(out, {
          status: statusForIrErrorType(type),
          type,
          code: type,
          message: event.error?.message ?? 'upstream stream error',
        });
        return;
      }
    }
  }

  return {
    push(event: SseEvent): IrStreamEvent[] {
      // An empty data line is a keep-alive, like a comment.
      if (done || event.data.trim() === '') return [];
      const out: IrStreamEvent[] = [];
      const fast = event.event === undefined || event.event === 'content_block_delta';
      const delta = fast ? readAnthropicFastDelta(event.data) : undefined;
      if (delta) {
        handle(delta, out);
        return out;
      }
      const decoded = decode(event);
      if (!decoded.ok) fail(out, decoded.error);
      else if (decoded.value.type !== 'unknown') handle(decoded.value, out);
      return out;
    },
    end(): IrStreamEvent[] {
      if (done) return [];
      const out: IrStreamEvent[] = [];
      if (sawMessageDelta) finish(out);
      else fail(out, { ...TRUNCATED });
      return out;
    },
    get done() {
      return done;
    },
  };
}
