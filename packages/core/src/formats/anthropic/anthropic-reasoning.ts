import type { CodecContext } from '../codec.js';
import type { IrReasoningConfig, IrReasoningEffort } from '../ir.js';
import type { AnthropicOutputConfig, AnthropicThinkingConfig } from './anthropic-schema.js';

/**
 * The thinking budget an OpenAI reasoning effort becomes on Anthropic, when the source gave an
 * effort but no budget. Anthropic's minimum budget is 1024 tokens; the steps roughly double.
 */
export const EFFORT_BUDGET_TOKENS: Readonly<Record<Exclude<IrReasoningEffort, 'none'>, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32000,
};

/** Anthropic's smallest accepted `budget_tokens`. */
const MIN_BUDGET_TOKENS = 1024;

/** Headroom added above the thinking budget when `max_tokens` would not exceed it. */
const ANSWER_HEADROOM_TOKENS = 1024;

/** Efforts `output_config.effort` accepts, and what the IR's other efforts become there. */
const OUTPUT_EFFORT: Readonly<Record<Exclude<IrReasoningEffort, 'none'>, string>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
};

/**
 * Anthropic `thinking` (and, for adaptive thinking, `output_config.effort`) → IR reasoning.
 * Returns whether `output_config.effort` was used, so that the caller leaves it out of extras.
 */
export function parseThinking(
  thinking: AnthropicThinkingConfig | null | undefined,
  outputConfig: AnthropicOutputConfig | null | undefined,
  ctx: CodecContext,
): { reasoning?: IrReasoningConfig; usedEffort: boolean } {
  if (!thinking) return { usedEffort: false };
  if (thinking.type === 'unknown') {
    ctx.warn({
      code: 'dropped_field',
      path: 'thinking',
      message: `thinking type "${thinking.wireType}" has no equivalent in the target format and was dropped`,
    });
    return { usedEffort: false };
  }
  if (thinking.type === 'disabled') return { reasoning: { enabled: false }, usedEffort: false };
  if (thinking.display != null) {
    ctx.warn({ code: 'dropped_field', path: 'thinking.display', message: '"thinking.display" was dropped' });
  }
  if (thinking.type === 'enabled') {
    return { reasoning: { enabled: true, budgetTokens: thinking.budget_tokens }, usedEffort: false };
  }
  const reasoning: IrReasoningConfig = { enabled: true, adaptive: true };
  const effort = outputConfig?.effort;
  if (effort == null) return { reasoning, usedEffort: false };
  if (effort === 'max') {
    ctx.warn({
      code: 'changed_value',
      path: 'output_config.effort',
      message: 'effort "max" has no equivalent in the target format; "xhigh" was used',
    });
    reasoning.effort = 'xhigh';
  } else if (['low', 'medium', 'high', 'xhigh'].includes(effort)) {
    reasoning.effort = effort as IrReasoningEffort;
  } else {
    return { reasoning, usedEffort: false };
  }
  return { reasoning, usedEffort: true };
}

/** What IR reasoning becomes in an Anthropic request. */
export interface RenderedThinking {
  thinking?: Record<string, unknown>;
  /** `output_config.effort`, for adaptive thinking. */
  effort?: string;
  /** `max_tokens`, raised above the budget when needed. */
  maxTokens: number;
}

/**
 * IR reasoning → Anthropic `thinking`:
 * - disabled, or effort `none` → no `thinking` field;
 * - adaptive → `{type:'adaptive'}`, with the effort in `output_config.effort`;
 * - a budget → `{type:'enabled', budget_tokens}` (at least 1024);
 * - only an effort → a budget from {@link EFFORT_BUDGET_TOKENS} (`medium` when neither is given).
 *
 * `max_tokens` must exceed the budget. When it does not: a budget that only came from an effort
 * is lowered to leave 1024 tokens of answer under a `max_tokens` the client set (OpenAI's limit
 * includes reasoning, and it caps the cost); otherwise `max_tokens` is raised to budget + 1024.
 * Either change comes with a `changed_value` warning.
 *
 * @param maxTokens the request's `max_tokens`, when the source gave one.
 * @param defaultMaxTokens the `max_tokens` to use otherwise.
 */
export function renderThinking(
  reasoning: IrReasoningConfig | undefined,
  maxTokens: number | undefined,
  defaultMaxTokens: number,
  ctx: CodecContext,
): RenderedThinking {
  const max = maxTokens ?? defaultMaxTokens;
  if (!reasoning?.enabled || reasoning.effort === 'none') return { maxTokens: max };
  if (reasoning.adaptive) {
    const out: RenderedThinking = { thinking: { type: 'adaptive' }, maxTokens: max };
    if (reasoning.effort) out.effort = OUTPUT_EFFORT[reasoning.effort];
    return out;
  }
  let budget = reasoning.budgetTokens ?? EFFORT_BUDGET_TOKENS[reasoning.effort ?? 'medium'];
  if (budget < MIN_BUDGET_TOKENS) {
    ctx.warn({
      code: 'changed_value',
      path: 'reasoning',
      message: `thinking budget ${budget} is below Anthropic's minimum; ${MIN_BUDGET_TOKENS} was used`,
    });
    budget = MIN_BUDGET_TOKENS;
  }
  if (max > budget) return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: max };

  const fitted = max - ANSWER_HEADROOM_TOKENS;
  if (reasoning.budgetTokens === undefined && maxTokens !== undefined && fitted >= MIN_BUDGET_TOKENS) {
    ctx.warn({
      code: 'changed_value',
      path: 'reasoning',
      message: `a thinking budget of ${budget} tokens does not fit under max_tokens ${max}; ${fitted} was used`,
    });
    return { thinking: { type: 'enabled', budget_tokens: fitted }, maxTokens: max };
  }
  const raised = budget + ANSWER_HEADROOM_TOKENS;
  ctx.warn({
    code: 'changed_value',
    path: 'max_tokens',
    message: `max_tokens ${max} must exceed the thinking budget ${budget}; ${raised} was used`,
  });
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: raised };
}
