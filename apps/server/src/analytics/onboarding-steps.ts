import { percentOf } from './ratios.js';

/** What is known about a provider, from the database. */
export interface OnboardingFacts {
  activeKeys: number;
  services: number;
  activeServices: number;
  calls: number;
  /** Settlements that are completed (paid). */
  completedSettlements: number;
}

/** The five documented steps, in order, with their labels. */
export const ONBOARDING_STEPS = [
  ['create_api_key', 'Create API key'],
  ['register_service', 'Register your first service'],
  ['activate_service', 'Activate a service'],
  ['first_traffic', 'Receive first API call'],
  ['first_settlement', 'Complete first settlement'],
] as const;

export type OnboardingStep = (typeof ONBOARDING_STEPS)[number][0];

/** The onboarding answer, less the provider id. */
export interface OnboardingProgress {
  steps: Record<OnboardingStep, { completed: boolean; label: string }>;
  completed_steps: number;
  total_steps: number;
  completion_pct: number;
}

/**
 * A provider's progress through the five onboarding steps.
 *
 * @example
 * ```ts
 * onboardingProgress({ activeKeys: 1, services: 1, activeServices: 1, calls: 0, completedSettlements: 0 })
 *   .completion_pct; // 60
 * ```
 */
export function onboardingProgress(facts: OnboardingFacts): OnboardingProgress {
  const done: Record<OnboardingStep, boolean> = {
    create_api_key: facts.activeKeys > 0,
    register_service: facts.services > 0,
    activate_service: facts.activeServices > 0,
    first_traffic: facts.calls > 0,
    first_settlement: facts.completedSettlements > 0,
  };
  const steps = Object.fromEntries(
    ONBOARDING_STEPS.map(([step, label]) => [step, { completed: done[step], label }]),
  ) as OnboardingProgress['steps'];
  const completed = Object.values(done).filter(Boolean).length;
  return {
    steps,
    completed_steps: completed,
    total_steps: ONBOARDING_STEPS.length,
    completion_pct: percentOf(completed, ONBOARDING_STEPS.length),
  };
}
