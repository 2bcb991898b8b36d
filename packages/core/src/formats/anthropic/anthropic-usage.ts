import type { IrUsage } from '../ir.js';
import type { AnthropicUsage } from './anthropic-schema.js';

/**
 * Anthropic usage → IR usage. Anthropic's `input_tokens` excludes cache reads and cache writes;
 * the IR's `inputTokens` is the whole prompt, so the three are added up.
 *
 * @example
 * ```ts
 * usageToIr({ input_tokens: 12, cache_read_input_tokens: 2048, output_tokens: 40 });
 * // { inputTokens: 2060, outputTokens: 40, cachedInputTokens: 2048 }
 * ```
 */
export function usageToIr(usage: AnthropicUsage | null | undefined): IrUsage {
  const read = usage?.cache_read_input_tokens ?? 0;
  const created = usage?.cache_creation_input_tokens ?? 0;
  const out: IrUsage = {
    inputTokens: (usage?.input_tokens ?? 0) + read + created,
    outputTokens: usage?.output_tokens ?? 0,
  };
  if (read > 0) out.cachedInputTokens = read;
  if (created > 0) out.cacheCreationInputTokens = created;
  const thinking = usage?.output_tokens_details?.thinking_tokens ?? 0;
  if (thinking > 0) out.reasoningTokens = thinking;
  return out;
}

/**
 * IR usage → Anthropic usage counters: `input_tokens` is the prompt minus cache reads and cache
 * writes (never negative); the cache counters are 0 when absent.
 *
 * @example
 * ```ts
 * usageFromIr({ inputTokens: 2060, outputTokens: 40, cachedInputTokens: 2048 });
 * // { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 2048, output_tokens: 40 }
 * ```
 */
export function usageFromIr(usage: IrUsage | undefined): Record<string, unknown> {
  const read = usage?.cachedInputTokens ?? 0;
  const created = usage?.cacheCreationInputTokens ?? 0;
  const out: Record<string, unknown> = {
    input_tokens: Math.max(0, (usage?.inputTokens ?? 0) - read - created),
    cache_creation_input_tokens: created,
    cache_read_input_tokens: read,
    output_tokens: usage?.outputTokens ?? 0,
  };
  if (usage?.reasoningTokens !== undefined)
    out.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return out;
}

/**
 * Merges cumulative usage counters: each counter of `next` that is present (not null) replaces
 * the one in `base`. Anthropic streams send usage in `message_start` and again, cumulative, in
 * `message_delta`; some compatible backends send `input_tokens` only in the latter.
 */
export function mergeUsage(base: AnthropicUsage, next: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!next) return base;
  const out: AnthropicUsage = { ...base };
  if (next.input_tokens != null) out.input_tokens = next.input_tokens;
  if (next.output_tokens != null) out.output_tokens = next.output_tokens;
  if (next.cache_creation_input_tokens != null)
    out.cache_creation_input_tokens = next.cache_creation_input_tokens;
  if (next.cache_read_input_tokens != null) out.cache_read_input_tokens = next.cache_read_input_tokens;
  if (next.output_tokens_details?.thinking_tokens != null)
    out.output_tokens_details = next.output_tokens_details;
  return out;
}
