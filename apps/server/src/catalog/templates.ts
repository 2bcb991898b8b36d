/** A ready-made team configuration. */
export interface TeamTemplate {
  name: string;
  agents: number;
  quality_gates: { type: string; threshold: number }[];
  description: string;
}

/** A ready-made service configuration. */
export interface ServiceTemplate {
  name: string;
  category: string;
  price_per_call: string;
  free_tier_calls: number;
}

/**
 * The team templates `GET /api/v1/templates/teams` lists.
 *
 * @example
 * ```ts
 * TEAM_TEMPLATES.find((t) => t.name === 'solo')?.agents; // 1
 * ```
 */
export const TEAM_TEMPLATES: readonly TeamTemplate[] = [
  {
    name: 'solo',
    agents: 1,
    quality_gates: [{ type: 'quality_score', threshold: 7.0 }],
    description: 'Single agent for individual developers',
  },
  {
    name: 'small_team',
    agents: 4,
    quality_gates: [
      { type: 'quality_score', threshold: 8.0 },
      { type: 'quality_score', threshold: 8.5 },
    ],
    description: 'Collaborative team with keyword routing',
  },
  {
    name: 'enterprise',
    agents: 6,
    quality_gates: [
      { type: 'quality_score', threshold: 8.5 },
      { type: 'quality_score', threshold: 9.0 },
      { type: 'quality_score', threshold: 9.0 },
    ],
    description: 'Production-grade with skill-based routing',
  },
];

/**
 * The service templates `GET /api/v1/templates/services` lists.
 *
 * @example
 * ```ts
 * SERVICE_TEMPLATES[0]; // { name: 'ai_api', category: 'ai', price_per_call: '0.05', free_tier_calls: 100 }
 * ```
 */
export const SERVICE_TEMPLATES: readonly ServiceTemplate[] = [
  { name: 'ai_api', category: 'ai', price_per_call: '0.05', free_tier_calls: 100 },
  { name: 'data_pipeline', category: 'data', price_per_call: '0.10', free_tier_calls: 50 },
  { name: 'content_api', category: 'content', price_per_call: '0.02', free_tier_calls: 200 },
];
