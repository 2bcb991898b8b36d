import type { IrUsage } from '../ir.js';
import type { ChatUsageBody } from './chat-schema.js';

/**
 * The IR usage of a Chat `usage` object (missing usage counts as zero). Chat's
 * `prompt_tokens` already includes cached tokens, as the IR's `inputTokens` does; DeepSeek's
 * `prompt_cache_hit_tokens` counts them when `prompt_tokens_details` is absent. Zero cached or
 * reasoning counts are left out, so that IR usage has one form whatever the server sent.
 *
 * @example
 * ```ts
 * chatUsageToIr({ prompt_tokens: 1200, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 1024 } });
 * // { inputTokens: 1200, outputTokens: 30, cachedInputTokens: 1024 }
 * ```
 */
export function chatUsageToIr(usage: ChatUsageBody | null | undefined): IrUsage {
  const ir: IrUsage = { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens;
  if (cached) ir.cachedInputTokens = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (reasoning) ir.reasoningTokens = reasoning;
  return ir;
}

/**
 * A Chat `usage` object, with every detail field OpenAI sends. Cache writes (Anthropic) have no
 * field of their own: they are part of `prompt_tokens`.
 *
 * @example
 * ```ts
 * irUsageToChat({ inputTokens: 10, outputTokens: 5 }).total_tokens; // 15
 * ```
 */
export function irUsageToChat(usage: IrUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
