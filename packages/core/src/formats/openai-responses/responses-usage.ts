/**
 * Responses `usage` ⇄ IR usage. Both count the whole prompt in the input tokens (cached reads
 * and cache writes included), so the numbers pass through; zero details are left out of the IR.
 */
import type { IrUsage } from '../ir.js';
import type { ResponsesUsage } from './responses-schema.js';

/** The IR usage of a Responses `usage` object (zeros when there is none). */
export function usageFromResponses(usage: ResponsesUsage | null | undefined): IrUsage {
  if (!usage) return { inputTokens: 0, outputTokens: 0 };
  const ir: IrUsage = { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens };
  const cached = usage.input_tokens_details?.cached_tokens ?? 0;
  const written = usage.input_tokens_details?.cache_write_tokens ?? 0;
  const reasoning = usage.output_tokens_details?.reasoning_tokens ?? 0;
  if (cached > 0) ir.cachedInputTokens = cached;
  if (written > 0) ir.cacheCreationInputTokens = written;
  if (reasoning > 0) ir.reasoningTokens = reasoning;
  return ir;
}

/** A Responses `usage` object with every detail field the SDK types require. */
export function usageToResponses(usage: IrUsage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      cache_write_tokens: usage.cacheCreationInputTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}
