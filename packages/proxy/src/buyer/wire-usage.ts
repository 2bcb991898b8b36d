import type { ApiFormat, IrUsage, SseEvent } from '@tollway/core';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Usage as a format writes it, in the IR's terms: Anthropic counts cache reads and writes apart
 * from `input_tokens`, the OpenAI formats count cached tokens inside the input.
 */
function usageOf(format: ApiFormat, usage: unknown): IrUsage | undefined {
  if (!isObject(usage)) return undefined;
  if (format === 'anthropic-messages') {
    const cacheRead = count(usage.cache_read_input_tokens);
    const cacheWrite = count(usage.cache_creation_input_tokens);
    return {
      inputTokens: count(usage.input_tokens) + cacheRead + cacheWrite,
      outputTokens: count(usage.output_tokens),
      cachedInputTokens: cacheRead,
      cacheCreationInputTokens: cacheWrite,
    };
  }
  const chat = format === 'openai-chat';
  const inputDetails = usage[chat ? 'prompt_tokens_details' : 'input_tokens_details'];
  const outputDetails = usage[chat ? 'completion_tokens_details' : 'output_tokens_details'];
  return {
    inputTokens: count(usage[chat ? 'prompt_tokens' : 'input_tokens']),
    outputTokens: count(usage[chat ? 'completion_tokens' : 'output_tokens']),
    cachedInputTokens: isObject(inputDetails) ? count(inputDetails.cached_tokens) : 0,
    reasoningTokens: isObject(outputDetails) ? count(outputDetails.reasoning_tokens) : 0,
  };
}

/**
 * The usage of a whole (non-streaming) response body in `format`, or `undefined` when it
 * reports none.
 *
 * @example
 * ```ts
 * responseUsage('openai-chat', { usage: { prompt_tokens: 12, completion_tokens: 3 } });
 * // { inputTokens: 12, outputTokens: 3, cachedInputTokens: 0, reasoningTokens: 0 }
 * ```
 */
export function responseUsage(format: ApiFormat, body: unknown): IrUsage | undefined {
  return isObject(body) ? usageOf(format, body.usage) : undefined;
}

/**
 * Follows the usage a stream in `format` reports as its events go by: Anthropic's
 * `message_start` and `message_delta`, a Chat chunk's `usage`, a Responses terminal event's
 * `response.usage`. `usage()` is the latest (cumulative) figure, `undefined` until one arrives.
 *
 * @example
 * ```ts
 * const meter = new StreamUsageMeter('anthropic-messages');
 * for await (const event of events) meter.observe(event);
 * meter.usage(); // { inputTokens, outputTokens, … }
 * ```
 */
export class StreamUsageMeter {
  private latest: IrUsage | undefined;

  constructor(private readonly format: ApiFormat) {}

  /** Reads one source event (cheaply skipping events that cannot carry usage). */
  observe(event: SseEvent): void {
    if (!event.data.includes('usage')) return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!isObject(data)) return;
    if (this.format === 'anthropic-messages') this.observeAnthropic(data);
    else if (this.format === 'openai-chat') this.latest = usageOf('openai-chat', data.usage) ?? this.latest;
    else if (isObject(data.response))
      this.latest = usageOf('openai-responses', data.response.usage) ?? this.latest;
  }

  usage(): IrUsage | undefined {
    return this.latest;
  }

  /** `message_start` holds the input; `message_delta` the output and, on some servers, input again. */
  private observeAnthropic(data: Json): void {
    const raw = data.type === 'message_start' && isObject(data.message) ? data.message.usage : data.usage;
    if (!isObject(raw)) return;
    const next = usageOf('anthropic-messages', raw);
    if (!next) return;
    const previous = this.latest;
    const hasInput = 'input_tokens' in raw || 'cache_read_input_tokens' in raw;
    this.latest =
      previous && !hasInput
        ? { ...previous, outputTokens: next.outputTokens }
        : { ...next, outputTokens: next.outputTokens || (previous?.outputTokens ?? 0) };
  }
}
