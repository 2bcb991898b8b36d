import type { CodecContext, StreamRenderer } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { renderChatStreamError } from './chat-error.js';
import { irUsageToChat } from './chat-usage.js';
import { irStopToChat } from './map-chat-stop-reason.js';

/** A tool call block being rendered: its position among the message's calls, and whether it had arguments. */
interface ToolBlock {
  ordinal: number;
  hadArguments: boolean;
}

/**
 * A renderer of IR stream events as Chat Completions chunks. The first chunk carries
 * `{role: 'assistant', content: ''}`; text, reasoning (`reasoning_content`), refusal and tool
 * call deltas follow as they come; `finish` becomes the `finish_reason` chunk, then (unless
 * `ctx.options.includeUsage` is false) the usage chunk with `choices: []`, then `[DONE]`. A tool
 * call that received no argument text gets `"{}"` when its block ends. An `error` becomes
 * `{"error": {...}}` (with its HTTP `status` added) and nothing follows it. Every chunk carries `usage: null` when usage is
 * included, as OpenAI sends it.
 *
 * @example
 * ```ts
 * const renderer = createChatStreamRenderer({ options: { now: 1700000000 }, warn: () => {} });
 * renderer.push({ type: 'message-start', id: 'msg_01', model: 'claude-sonnet-4-5' });
 * // [{ data: '{"id":"chatcmpl-01","object":"chat.completion.chunk",…,"delta":{"role":"assistant","content":"","refusal":null},…}' }]
 * ```
 */
export function createChatStreamRenderer(ctx: CodecContext): StreamRenderer {
  return new ChatStreamRenderer(ctx);
}

class ChatStreamRenderer implements StreamRenderer {
  private started = false;
  private finished = false;
  private id = withIdPrefix('chatcmpl-', '');
  private model = '';
  private created: number;
  /** The chunk envelope's JSON text without its closing brace, once id, model and created are known. */
  private envelope: string | undefined;
  private readonly includeUsage: boolean;
  private readonly tools = new Map<number, ToolBlock>();
  private warnedSignature = false;

  constructor(private readonly ctx: CodecContext) {
    this.created = ctx.options.now ?? 0;
    this.includeUsage = ctx.options.includeUsage !== false;
  }

  push(event: IrStreamEvent): SseEvent[] {
    if (this.finished) return [];
    if (event.type === 'error') {
      this.finished = true;
      return [{ data: JSON.stringify(renderChatStreamError(event.error)) }];
    }
    if (event.type === 'message-start') {
      if (this.started) return [];
      this.id = withIdPrefix('chatcmpl-', event.id);
      this.model = event.model;
      this.created = event.created ?? this.created;
      this.envelope = undefined;
    }
    const out = this.start();
    switch (event.type) {
      case 'block-start':
        this.blockStart(event, out);
        break;
      case 'text-delta':
        if (event.text !== '') out.push(this.deltaChunk(`{"content":${JSON.stringify(event.text)}}`));
        break;
      case 'thinking-delta':
        if (event.text !== '')
          out.push(this.deltaChunk(`{"reasoning_content":${JSON.stringify(event.text)}}`));
        break;
      case 'thinking-signature':
        this.warnSignature();
        break;
      case 'refusal-delta':
        if (event.text !== '') out.push(this.chunk({ refusal: event.text }));
        break;
      case 'tool-args-delta': {
        const tool = this.tools.get(event.index);
        if (tool && event.json !== '') {
          tool.hadArguments = true;
          out.push(this.argumentsChunk(tool, event.json));
        }
        break;
      }
      case 'block-end':
        this.endTool(event.index, out);
        break;
      case 'finish':
        for (const index of this.tools.keys()) this.endTool(index, out);
        out.push(this.chunk({}, irStopToChat(event.stopReason)));
        if (this.includeUsage) out.push(this.payload({ choices: [], usage: irUsageToChat(event.usage) }));
        out.push({ data: '[DONE]' });
        this.finished = true;
        break;
    }
    return out;
  }

  /** The role chunk, the first time anything is rendered. */
  private start(): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    return [this.chunk({ role: 'assistant', content: '', refusal: null })];
  }

  private blockStart(event: Extract<IrStreamEvent, { type: 'block-start' }>, out: SseEvent[]): void {
    const { block } = event;
    if (block.kind === 'redacted_thinking') {
      this.ctx.warn({
        code: 'dropped_content',
        path: `content.${event.index}`,
        message: 'Chat Completions cannot carry redacted thinking; it was dropped',
      });
      return;
    }
    if (block.kind !== 'tool_call') return;
    const tool: ToolBlock = { ordinal: this.tools.size, hadArguments: false };
    this.tools.set(event.index, tool);
    out.push(
      this.chunk({
        tool_calls: [
          {
            index: tool.ordinal,
            id: block.id,
            type: 'function',
            function: { name: block.name, arguments: '' },
          },
        ],
      }),
    );
  }

  /** A call that ended without any argument text has the arguments `{}`. */
  private endTool(index: number, out: SseEvent[]): void {
    const tool = this.tools.get(index);
    if (!tool || tool.hadArguments) return;
    tool.hadArguments = true;
    out.push(this.argumentsChunk(tool, '{}'));
  }

  private argumentsChunk(tool: ToolBlock, json: string): SseEvent {
    const call = `{"index":${tool.ordinal},"function":{"arguments":${JSON.stringify(json)}}}`;
    return this.deltaChunk(`{"tool_calls":[${call}]}`);
  }

  /**
   * A chunk of choice 0 carrying `delta` (JSON text), written as text in the field order of
   * {@link chunk}: this runs for every delta of a long stream.
   */
  private deltaChunk(delta: string): SseEvent {
    const choice = `{"index":0,"delta":${delta},"logprobs":null,"finish_reason":null}`;
    const usage = this.includeUsage ? ',"usage":null' : '';
    return { data: `${this.envelopeJson()},"choices":[${choice}]${usage}}` };
  }

  private warnSignature(): void {
    if (this.warnedSignature) return;
    this.warnedSignature = true;
    this.ctx.warn({
      code: 'dropped_field',
      path: 'signature',
      message: 'Chat Completions carries reasoning text only; the thinking signature was dropped',
    });
  }

  private chunk(delta: Record<string, unknown>, finishReason: string | null = null): SseEvent {
    const payload: Record<string, unknown> = {
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (this.includeUsage) payload.usage = null;
    return this.payload(payload);
  }

  /**
   * A chunk: the envelope, then `fields` in order. The envelope's text is built once per stream
   * and each chunk is written field by field (the same text `JSON.stringify` gives for the whole
   * object), because this runs for every delta of a long stream.
   */
  private envelopeJson(): string {
    this.envelope ??= JSON.stringify({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
    }).slice(0, -1);
    return this.envelope;
  }

  private payload(fields: Record<string, unknown>): SseEvent {
    let data = this.envelopeJson();
    for (const key in fields) {
      const value = fields[key];
      if (value !== undefined) data += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
    return { data: `${data}}` };
  }
}
