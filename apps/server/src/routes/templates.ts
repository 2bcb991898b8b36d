import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { SERVICE_TEMPLATES, TEAM_TEMPLATES } from '../catalog/templates.js';
import type { RouteRegistry } from '../http/route-registry.js';

const TeamTemplatesResponse = z.object({
  templates: z.array(
    z.object({
      name: z.string(),
      agents: z.number().int(),
      quality_gates: z.array(z.object({ type: z.string(), threshold: z.number() })),
      description: z.string(),
    }),
  ),
});

const ServiceTemplatesResponse = z.object({
  templates: z.array(
    z.object({
      name: z.string(),
      category: z.string(),
      price_per_call: z.string(),
      free_tier_calls: z.number().int(),
    }),
  ),
});

/**
 * `GET /api/v1/templates/teams` and `GET /api/v1/templates/services`: ready-made configurations.
 *
 * @example
 * ```ts
 * registerTemplateRoutes(registry, deps);
 * ```
 */
export function registerTemplateRoutes(registry: RouteRegistry, _deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/api/v1/templates/teams',
    summary: 'List team templates',
    tag: 'Templates',
    auth: 'none',
    response: TeamTemplatesResponse,
    handler: ({ c }) => c.json({ templates: TEAM_TEMPLATES }),
  });
  registry.add({
    method: 'GET',
    path: '/api/v1/templates/services',
    summary: 'List service templates',
    tag: 'Templates',
    auth: 'none',
    response: ServiceTemplatesResponse,
    handler: ({ c }) => c.json({ templates: SERVICE_TEMPLATES }),
  });
}
