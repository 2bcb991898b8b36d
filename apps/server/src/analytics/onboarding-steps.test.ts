import { describe, expect, it } from 'vitest';
import { onboardingProgress } from './onboarding-steps.js';
import { percentOf, roundTo } from './ratios.js';
import { NO_USAGE, usageFigures } from './usage-aggregate.js';

describe('onboardingProgress', () => {
  it('marks each of the five steps from the facts and counts them', () => {
    const progress = onboardingProgress({
      activeKeys: 1,
      services: 2,
      activeServices: 1,
      calls: 0,
      completedSettlements: 0,
    });
    expect(progress).toEqual({
      steps: {
        create_api_key: { completed: true, label: 'Create API key' },
        register_service: { completed: true, label: 'Register your first service' },
        activate_service: { completed: true, label: 'Activate a service' },
        first_traffic: { completed: false, label: 'Receive first API call' },
        first_settlement: { completed: false, label: 'Complete first settlement' },
      },
      completed_steps: 3,
      total_steps: 5,
      completion_pct: 60,
    });
    const none = onboardingProgress({
      activeKeys: 0,
      services: 0,
      activeServices: 0,
      calls: 0,
      completedSettlements: 0,
    });
    expect([none.completed_steps, none.completion_pct]).toEqual([0, 0]);
  });
});

describe('usage figures', () => {
  it('derives rates and the mean latency, zero without calls', () => {
    expect(
      usageFigures({ ...NO_USAGE, calls: 8, successes: 7, failures: 1, avg_latency_ms: 120.46 }),
    ).toMatchObject({
      calls: 8,
      successRate: 87.5,
      errorRate: 12.5,
      avgLatencyMs: 120.5,
    });
    expect(usageFigures(undefined)).toMatchObject({
      calls: 0,
      successRate: 0,
      errorRate: 0,
      avgLatencyMs: 0,
    });
  });

  it('rounds halves away from zero and ignores non-finite values', () => {
    expect([
      roundTo(0.25, 1),
      roundTo(-0.25, 1),
      roundTo(Number.NaN),
      percentOf(1, 3),
      percentOf(5, 0),
    ]).toEqual([0.3, -0.3, 0, 33.3, 0]);
  });
});
