import type { CodecContext, StreamParser } from '../codec.js';
import type { IrError, IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { chatErrorToIr } from './chat-error.js';
import { readChatFastDelta } from './chat-fast-delta.js';
import { ChatChunk, type ChatChunkBody, ChatErrorObject, type ChatUsageBody } from './chat-schema.js';
import { chatUsageToIr } from './chat-usage.js';
import { chatFinishToIr, isKnownChatFinish } from './map-chat-stop-reason.js';

type Choice = NonNullable<ChatChunkBody['choices']>[number];
type Delta = NonNullable<Choice['delta']>;
type DeltaToolCall = NonNullable<Delta['tool_calls']>[number];

/** The block that is open: its IR index, its kind and, for a tool call, the key of its wire call. */
interface OpenBlock {
  index: number;
  kind: 'text' | 'thinking' | 'refusal' | 'tool_call';
  toolKey?: number;
}

const TRUNCATED: IrError = {
  status: 502,
  type: 'api_error',
  code: 'stream_truncated',
  message: 'upstream stream ended before the response was complete',
};

/**
 * A parser of a Chat Completions stream (`chat.completion.chunk` events, then `[DONE]`) into IR
 * events. Chat has no block events: a block opens with the first non-empty delta of its kind
 * (`reasoning_content` → thinking, `content` → text, `refusal`, each new `tool_calls[].index` →
 * a tool call) and ends when another kind or another call starts, or at the `finish_reason`.
 *
 * The `finish` event is held until `[DONE]` (or the end of the source), because with
 * `stream_options.include_usage` the usage arrives in a chunk of its own (`choices: []`) after the
 * `finish_reason`; any chunk's non-null `usage` replaces the usage known so far. Holding until
 * `[DONE]` rather than until the usage chunk also lets a pass-through forward `[DONE]` itself.
 * Groq sends no `usage` but `x_groq.usage` on its last chunk, which is read in its place.
 * Only choice 0 is translated.
 *
 * @example
 * ```ts
 * const parser = createChatStreamParser({ options: {}, warn: () => {} });
 * parser.push({ data: '{"id":"chatcmpl-1","model":"gpt-4o","created":1,"choices":[{"index":0,"delta":{"content":"Hi"}}]}' });
 * // [{ type: 'message-start', … }, { type: 'block-start', index: 0, block: { kind: 'text' } }, { type: 'text-delta', index: 0, text: 'Hi' }]
 * ```
 */
export function createChatStreamParser(ctx: CodecContext): StreamParser {
  return new ChatStreamParser(ctx);
}

class ChatStreamParser implements StreamParser {
  private finished = false;
  private started = false;
  private open: OpenBlock | undefined;
  private nextIndex = 0;
  /** Block index of each tool call, by key: its wire `index`, or a negative key made up for it. */
  private readonly toolBlocks = new Map<number, number>();
  private readonly keysById = new Map<string, number>();
  /** The key of the latest call that came with each wire `index`. */
  private readonly keysByIndex = new Map<number, number>();
  /** Keys of the calls whose id is known. */
  private readonly keysWithId = new Set<number>();
  private madeUpKeys = 0;
  private finishReason: string | undefined;
  private usage: ChatUsageBody | undefined;
  private calledTools = false;
  private warnedChoices = false;

  constructor(private readonly ctx: CodecContext) {}

  get done(): boolean {
    return this.finished;
  }

  push(event: SseEvent): IrStreamEvent[] {
    if (this.finished) return [];
    // Chat events have no names; a named one (other than `error`) or an empty one is a keep-alive.
    if (
      event.data.trim() === '' ||
      (event.event !== undefined && !['message', 'error'].includes(event.event))
    ) {
      return [];
    }
    if (event.data.trim() === '[DONE]') return this.complete();
    if (this.started && this.finishReason === undefined) {
      const delta = readChatFastDelta(event.data);
      if (delta) {
        const out: IrStreamEvent[] = [];
        this.readDelta(delta, out);
        return out;
      }
    }

    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      return this.fail([], malformed('the data is not JSON'));
    }
    const error = inStreamError(json);
    if (error) return this.fail([], error);
    const parsed = ChatChunk.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.fail([], malformed(issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid chunk'));
    }
    const chunk = parsed.data;

    const out: IrStreamEvent[] = [];
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    // Azure opens with a chunk of `prompt_filter_results` only (empty id and model): the message
    // starts with the first chunk that has choices or usage.
    if (!this.started && ((chunk.choices?.length ?? 0) > 0 || usage != null)) {
      this.started = true;
      const start: IrStreamEvent = { type: 'message-start', id: chunk.id ?? '', model: chunk.model ?? '' };
      if (chunk.created != null) start.created = chunk.created;
      out.push(start);
    }
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0) {
        this.warnOtherChoice(choice.index ?? 0);
        continue;
      }
      // Deltas after the finish_reason cannot belong to the message any more.
      if (this.finishReason !== undefined) continue;
      if (choice.delta) this.readDelta(choice.delta, out);
      if (choice.finish_reason != null) {
        this.finishReason = choice.finish_reason;
        this.closeOpen(out);
      }
    }
    if (usage != null) this.usage = usage;
    return out;
  }

  end(): IrStreamEvent[] {
    return this.finished ? [] : this.complete();
  }

  /** `[DONE]` or the end of the source: the held finish, or a truncation error. */
  private complete(): IrStreamEvent[] {
    const reason = this.finishReason;
    if (reason === undefined) return this.fail([], TRUNCATED);
    this.finished = true;
    if (!isKnownChatFinish(reason)) {
      this.ctx.warn({
        code: 'changed_value',
        path: 'choices.0.finish_reason',
        message: `unknown finish_reason "${reason}" is read as "stop"`,
      });
    }
    return [
      {
        type: 'finish',
        stopReason: chatFinishToIr(reason, this.calledTools),
        usage: chatUsageToIr(this.usage),
      },
    ];
  }

  private fail(out: IrStreamEvent[], error: IrError): IrStreamEvent[] {
    this.finished = true;
    out.push({ type: 'error', error });
    return out;
  }

  private readDelta(delta: Delta, out: IrStreamEvent[]): void {
    const reasoning = delta.reasoning_content || (typeof delta.reasoning === 'string' ? delta.reasoning : '');
    if (reasoning) out.push({ type: 'thinking-delta', index: this.ensure('thinking', out), text: reasoning });
    if (delta.content) out.push({ type: 'text-delta', index: this.ensure('text', out), text: delta.content });
    if (delta.refusal)
      out.push({ type: 'refusal-delta', index: this.ensure('refusal', out), text: delta.refusal });
    for (const call of delta.tool_calls ?? []) this.readToolCall(call, out);
  }

  /** The index of an open block of `kind`, starting one (and ending the open one) if needed. */
  private ensure(kind: 'text' | 'thinking' | 'refusal', out: IrStreamEvent[]): number {
    if (this.open?.kind === kind) return this.open.index;
    this.closeOpen(out);
    const index = this.nextIndex++;
    this.open = { index, kind };
    out.push({ type: 'block-start', index, block: { kind } });
    return index;
  }

  private readToolCall(call: DeltaToolCall, out: IrStreamEvent[]): void {
    const key = this.toolKey(call);
    const args = call.function?.arguments ?? '';
    let index = this.toolBlocks.get(key);
    if (index === undefined) {
      this.closeOpen(out);
      index = this.nextIndex++;
      this.toolBlocks.set(key, index);
      this.open = { index, kind: 'tool_call', toolKey: key };
      this.calledTools = true;
      out.push({
        type: 'block-start',
        index,
        block: { kind: 'tool_call', id: call.id ?? '', name: call.function?.name ?? '' },
      });
    } else if (this.open?.index !== index) {
      // Arguments of a call whose block has ended (a server interleaving parallel calls): the
      // IR has one open block at a time, so they cannot be placed.
      if (args !== '') {
        this.ctx.warn({
          code: 'dropped_content',
          path: `choices.0.delta.tool_calls.${key}`,
          message:
            'arguments of an earlier tool call arrived after the next block had started and were dropped',
        });
      }
      return;
    }
    if (args !== '') out.push({ type: 'tool-args-delta', index, json: args });
  }

  /**
   * The key of the call a delta belongs to: its wire `index`, with three exceptions. A known `id`
   * names its call whatever the index. A new `id` on an index already taken by a call with another
   * id is a new call (Ollama numbers every call 0). A delta without `index` (Gemini) is keyed by
   * its `id`, or continues the open call when it has none.
   */
  private toolKey(call: DeltaToolCall): number {
    const id = call.id || undefined;
    const known = id === undefined ? undefined : this.keysById.get(id);
    if (known !== undefined) return known;
    let key: number;
    if (call.index != null) {
      const taken = this.keysByIndex.get(call.index);
      if (taken !== undefined && (id === undefined || !this.keysWithId.has(taken))) {
        if (id !== undefined) this.nameKey(taken, id);
        return taken;
      }
      key = taken === undefined ? call.index : -++this.madeUpKeys;
      this.keysByIndex.set(call.index, key);
    } else if (id !== undefined) {
      key = -++this.madeUpKeys;
    } else {
      return this.open?.kind === 'tool_call' && this.open.toolKey !== undefined
        ? this.open.toolKey
        : Number.MIN_SAFE_INTEGER;
    }
    if (id !== undefined) this.nameKey(key, id);
    return key;
  }

  private nameKey(key: number, id: string): void {
    this.keysById.set(id, key);
    this.keysWithId.add(key);
  }

  private closeOpen(out: IrStreamEvent[]): void {
    if (!this.open) return;
    out.push({ type: 'block-end', index: this.open.index });
    this.open = undefined;
  }

  private warnOtherChoice(index: number): void {
    if (this.warnedChoices) return;
    this.warnedChoices = true;
    this.ctx.warn({
      code: 'dropped_content',
      path: `choices.${index}`,
      message: 'only choice 0 of a stream is translated; the other choices were dropped',
    });
  }
}

/** The IR error of an error chunk: `{"error": {...}}`, or vLLM's bare `{"object": "error", ...}`. */
function inStreamError(json: unknown): IrError | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const raw = record.error != null ? record.error : record.object === 'error' ? record : undefined;
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return chatErrorToIr({ message: raw });
  const parsed = ChatErrorObject.safeParse(raw);
  return parsed.success ? chatErrorToIr(parsed.data) : chatErrorToIr({ message: 'upstream stream error' });
}

function malformed(detail: string): IrError {
  return {
    status: 502,
    type: 'api_error',
    code: 'invalid_stream_event',
    message: `upstream sent a malformed stream event: ${detail}`,
  };
}
