import type { AppDeps } from '../app-deps.js';
import type { RouteRegistry } from '../http/route-registry.js';
import { registerAdminRoutes } from './admin.js';
import { registerAgentRoutes } from './agents.js';
import { registerBalanceRoutes } from './balance.js';
import { registerDashboardRoutes } from './dashboard.js';
import { registerDiscoveryRoutes } from './discovery.js';
import { registerKeyRoutes } from './keys.js';
import { registerPeerRoutes } from './peers.js';
import { registerProviderRoutes } from './provider.js';
import { registerProxyRoutes } from './proxy.js';
import { registerReputationRoutes } from './reputation.js';
import { registerServiceRoutes } from './services.js';
import { registerSettlementRoutes } from './settlements.js';
import { registerSystemRoutes } from './system.js';
import { registerTeamRoutes } from './teams.js';
import { registerTemplateRoutes } from './templates.js';
import { registerUsageRoutes } from './usage.js';
import { registerWebhookRoutes } from './webhooks.js';

/** A function that declares one group of routes. */
export type RegisterRoutes = (registry: RouteRegistry, deps: AppDeps) => void;

/**
 * Every route group, in the order they appear in the docs. Add a group by writing
 * `src/routes/<group>.ts` with one `register<Group>Routes(registry, deps)` and listing it here.
 */
export const ROUTE_GROUPS: readonly RegisterRoutes[] = [
  registerSystemRoutes,
  registerKeyRoutes,
  registerServiceRoutes,
  registerAgentRoutes,
  registerTemplateRoutes,
  registerDiscoveryRoutes,
  registerTeamRoutes,
  registerWebhookRoutes,
  registerProviderRoutes,
  registerReputationRoutes,
  registerAdminRoutes,
  registerDashboardRoutes,
  registerProxyRoutes,
  registerBalanceRoutes,
  registerUsageRoutes,
  registerSettlementRoutes,
  registerPeerRoutes,
];
