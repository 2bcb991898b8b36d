/**
 * A service's or agent's usage, aggregated, so a server can compute it in one SQL query:
 * `COUNT(*)`, `COUNT(*) FILTER (WHERE status_code < 400)`, `… >= 500`, `AVG(latency_ms)`.
 * Counts are whole non-negative numbers; inconsistent counts are clamped (successes and server
 * errors never count for more than all calls).
 */
export interface UsageAggregate {
  /** Every recorded call. */
  totalCalls: number;
  /** Calls answered with a status below 400. */
  successfulCalls: number;
  /** Calls answered with a status of 500 or more, or not answered (timeouts, unreachable). */
  serverErrorCalls: number;
  /** Mean latency in milliseconds; `null` when nothing was measured (SQL `AVG` of no rows). */
  avgLatencyMs: number | null;
  /**
   * Explicit quality scores (0–10, from quality gates or reviews), summed and counted. When
   * there are some, their mean is the quality component; otherwise it falls back to the
   * reference's status-derived figure.
   */
  qualitySignals?: { sum: number; count: number } | undefined;
}

/** Tuning of {@link reputationScore}. */
export interface ReputationOptions {
  /**
   * Average latency that scores 0 (10 at 0 ms, linear in between). Default 10 000 ms, which is
   * the reference's `10 − avg_ms / 1000`. A category of slow-but-valid services (long LLM
   * answers) can pass a larger figure so that latency compares like with like.
   */
  latencyZeroMs?: number;
}

/** Reputation on a 0–10 scale, each figure rounded to 2 decimals. */
export interface ReputationScore {
  /** 0.3 × latency + 0.4 × reliability + 0.3 × quality. */
  overall: number;
  latency: number;
  reliability: number;
  quality: number;
  totalCalls: number;
  /** 0–1: how much the figures can be trusted, `n / (n + 20)` for `n` calls. */
  confidence: number;
  /** `overall` shrunk toward the neutral prior 5 when there are few calls; what leaderboards sort by. */
  rankingScore: number;
}

/** Weights of the reference formula. */
const WEIGHTS = { latency: 0.3, reliability: 0.4, quality: 0.3 } as const;
/** Calls' worth of weight the prior carries; with 20 calls the evidence and the prior weigh the same. */
export const REPUTATION_PRIOR_CALLS = 20;
/** The neutral score new services are shrunk toward: the middle of the scale. */
export const REPUTATION_PRIOR_SCORE = 5;
const DEFAULT_LATENCY_ZERO_MS = 10_000;

/**
 * Reputation from real usage, as the marketplace reference computes it, with the same weights:
 *
 * - latency = `10 × (1 − avgLatencyMs / latencyZeroMs)`, which with the default is the
 *   reference's `10 − avg_ms / 1000`; `null` latency scores 0;
 * - reliability = success rate × 10 (the reference's `success_rate% / 10`, success = status < 400);
 * - quality = the mean of `qualitySignals` when there are some, else `(1 − server error rate) × 10`
 *   as in the reference (which makes it largely a second reliability figure: explicit signals are
 *   the better source);
 * - overall = 0.3 × latency + 0.4 × reliability + 0.3 × quality.
 *
 * Each component is clamped to [0, 10]. No calls score 0 everywhere.
 *
 * Few calls prove little, so two figures are added. `confidence` = `n / (n + 20)`.
 * `rankingScore` is a Bayesian average, `(n × overall + 20 × 5) / (n + 20)`, the same as
 * `confidence × overall + (1 − confidence) × 5`: an agent with 3 perfect calls ranks at 5.65,
 * below one with 3,000 calls at 9.5 (9.47).
 *
 * Rounding: every figure is computed from unrounded values and then rounded once to the nearest
 * hundredth, halves away from zero (`Math.round(x × 100) / 100` on non-negative values), so
 * `overall` can differ by 0.01 from the weighted sum of the rounded components.
 *
 * @example
 * ```ts
 * reputationScore({ totalCalls: 150, successfulCalls: 135, serverErrorCalls: 6, avgLatencyMs: 850 });
 * // { overall: 9.23, latency: 9.15, reliability: 9, quality: 9.6, totalCalls: 150, confidence: 0.88, rankingScore: 8.73 }
 * ```
 */
export function reputationScore(usage: UsageAggregate, options: ReputationOptions = {}): ReputationScore {
  const n = count(usage.totalCalls);
  if (n === 0) {
    return {
      overall: 0,
      latency: 0,
      reliability: 0,
      quality: 0,
      totalCalls: 0,
      confidence: 0,
      rankingScore: REPUTATION_PRIOR_SCORE,
    };
  }
  const zeroMs = options.latencyZeroMs ?? DEFAULT_LATENCY_ZERO_MS;
  const latency =
    usage.avgLatencyMs === null || !Number.isFinite(usage.avgLatencyMs)
      ? 0
      : clamp(10 * (1 - usage.avgLatencyMs / zeroMs));
  const reliability = clamp((10 * Math.min(count(usage.successfulCalls), n)) / n);
  const signals = usage.qualitySignals;
  const quality =
    signals !== undefined && count(signals.count) > 0
      ? clamp(signals.sum / count(signals.count))
      : clamp(10 * (1 - Math.min(count(usage.serverErrorCalls), n) / n));
  const overall = WEIGHTS.latency * latency + WEIGHTS.reliability * reliability + WEIGHTS.quality * quality;
  const confidence = n / (n + REPUTATION_PRIOR_CALLS);
  return {
    overall: round2(overall),
    latency: round2(latency),
    reliability: round2(reliability),
    quality: round2(quality),
    totalCalls: n,
    confidence: round2(confidence),
    rankingScore: round2(confidence * overall + (1 - confidence) * REPUTATION_PRIOR_SCORE),
  };
}

/**
 * Leaderboard order (for `Array.prototype.sort`): higher `rankingScore` first, then higher
 * `overall`, then more calls; 0 when all three tie.
 *
 * @example
 * ```ts
 * scores.sort(compareForLeaderboard); // best first
 * ```
 */
export function compareForLeaderboard(a: ReputationScore, b: ReputationScore): number {
  return b.rankingScore - a.rankingScore || b.overall - a.overall || b.totalCalls - a.totalCalls;
}

/** A count as a whole non-negative number (NaN and negatives are 0). */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function clamp(value: number): number {
  return Number.isNaN(value) ? 0 : Math.min(10, Math.max(0, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
