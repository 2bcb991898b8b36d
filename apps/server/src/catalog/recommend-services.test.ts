import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RecommendCandidate, recommendServices } from './recommend-services.js';

const CATS = ['ai', 'data', 'content', ''];
const candidate = fc.record({
  id: fc.uuid(),
  category: fc.constantFrom(...CATS),
  tags: fc.uniqueArray(fc.constantFrom('nlp', 'sql', 'image'), { maxLength: 2 }),
  recentCalls: fc.nat(50),
  createdAt: fc.nat(1000),
});
const candidates = fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 12 });

describe('recommendServices', () => {
  it('never recommends a used service, respects the limit, and ranks by category use first', () => {
    fc.assert(
      fc.property(
        candidates,
        fc.array(fc.tuple(fc.constantFrom(...CATS), fc.nat(9))),
        fc.nat(5),
        fc.integer({ min: 1, max: 10 }),
        (cs, calls, usedCount, limit) => {
          const categoryCalls = new Map(calls);
          const used = new Set(cs.slice(0, usedCount).map((c) => c.id));
          const out = recommendServices({ categoryCalls, usedServiceIds: used, capabilities: [] }, cs, limit);
          expect(out.length).toBe(Math.min(limit, cs.length - used.size));
          expect(out.some((c) => used.has(c.id))).toBe(false);
          const interest = (c: RecommendCandidate) => categoryCalls.get(c.category) ?? 0;
          for (let i = 1; i < out.length; i++)
            expect(interest(out[i - 1]!)).toBeGreaterThanOrEqual(interest(out[i]!));
        },
      ),
    );
  });

  it('prefers capability matches over popularity and falls back to popularity', () => {
    const cs: RecommendCandidate[] = [
      { id: 'popular', category: 'data', tags: [], recentCalls: 100, createdAt: 1 },
      { id: 'fit', category: 'ai', tags: ['nlp'], recentCalls: 0, createdAt: 1 },
      { id: 'quiet', category: 'content', tags: [], recentCalls: 1, createdAt: 2 },
    ];
    const profile = { categoryCalls: new Map<string, number>(), usedServiceIds: new Set<string>() };
    expect(recommendServices({ ...profile, capabilities: ['NLP'] }, cs, 3).map((c) => c.id)).toEqual([
      'fit',
      'popular',
      'quiet',
    ]);
    expect(recommendServices({ ...profile, capabilities: [] }, cs, 2).map((c) => c.id)).toEqual([
      'popular',
      'quiet',
    ]);
  });
});
