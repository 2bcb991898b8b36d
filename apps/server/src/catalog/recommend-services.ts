/** A service that could be recommended. */
export interface RecommendCandidate {
  id: string;
  category: string;
  tags: readonly string[];
  /** Calls by everyone in the recent window (popularity). */
  recentCalls: number;
  createdAt: number;
}

/** What is known about the agent. */
export interface RecommendProfile {
  /** Calls the agent made per category (its interests). */
  categoryCalls: ReadonlyMap<string, number>;
  /** Services the agent already used: never recommended. */
  usedServiceIds: ReadonlySet<string>;
  /** The agent's declared capabilities, matched against categories and tags. */
  capabilities: readonly string[];
}

/**
 * Ranks services for an agent. A candidate is scored by the agent's calls in its category
 * (first), then by how many of the agent's capabilities name its category or a tag, then by its
 * recent popularity, newest and id last. Services the agent used are left out. Services that
 * match no interest still follow by popularity, so an agent without history (a cold start) gets
 * the most popular services.
 *
 * @example
 * ```ts
 * recommendServices({ categoryCalls: new Map([['ai', 3]]), usedServiceIds: new Set(['s1']), capabilities: [] }, candidates, 5);
 * ```
 */
export function recommendServices(
  profile: RecommendProfile,
  candidates: readonly RecommendCandidate[],
  limit: number,
): RecommendCandidate[] {
  const capabilities = new Set(profile.capabilities.map((c) => c.toLowerCase()));
  const scored = candidates
    .filter((c) => !profile.usedServiceIds.has(c.id))
    .map((c) => ({
      c,
      interest: profile.categoryCalls.get(c.category) ?? 0,
      fit: [c.category, ...c.tags].filter((t) => t && capabilities.has(t.toLowerCase())).length,
    }));
  return scored
    .sort(
      (a, b) =>
        b.interest - a.interest ||
        b.fit - a.fit ||
        b.c.recentCalls - a.c.recentCalls ||
        b.c.createdAt - a.c.createdAt ||
        (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0),
    )
    .slice(0, limit)
    .map((s) => s.c);
}
