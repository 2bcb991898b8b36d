import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareForLeaderboard,
  type ReputationScore,
  reputationScore,
  type UsageAggregate,
} from './reputation-score.js';

const usage = (u: Partial<UsageAggregate>): UsageAggregate => ({
  totalCalls: 100,
  successfulCalls: 100,
  serverErrorCalls: 0,
  avgLatencyMs: 0,
  ...u,
});

describe('reputationScore, the reference formula', () => {
  it('weighs latency 30 %, reliability 40 %, quality 30 %', () => {
    expect(
      reputationScore({ totalCalls: 150, successfulCalls: 135, serverErrorCalls: 6, avgLatencyMs: 850 }),
    ).toEqual({
      overall: 9.23, // 0.3 × 9.15 + 0.4 × 9 + 0.3 × 9.6 = 9.225
      latency: 9.15,
      reliability: 9,
      quality: 9.6,
      totalCalls: 150,
      confidence: 0.88,
      rankingScore: 8.73, // (150 × 9.225 + 20 × 5) / 170
    });
  });

  it.each([
    [0, 10],
    [2_500, 7.5],
    [10_000, 0],
    [60_000, 0],
    [null, 0],
  ])('scores an average latency of %s ms as %s', (avgLatencyMs, latency) => {
    expect(reputationScore(usage({ avgLatencyMs })).latency).toBe(latency);
  });

  it('lets slow categories measure latency on their own scale', () => {
    expect(reputationScore(usage({ avgLatencyMs: 15_000 }), { latencyZeroMs: 60_000 }).latency).toBe(7.5);
  });

  it('counts 4xx against reliability but only 5xx against the status-derived quality', () => {
    const score = reputationScore(usage({ successfulCalls: 70, serverErrorCalls: 10 }));
    expect(score.reliability).toBe(7);
    expect(score.quality).toBe(9);
  });

  it('prefers explicit quality signals to the status-derived figure', () => {
    const score = reputationScore(usage({ serverErrorCalls: 0, qualitySignals: { sum: 31, count: 5 } }));
    expect(score.quality).toBe(6.2);
    expect(reputationScore(usage({ qualitySignals: { sum: 0, count: 0 } })).quality).toBe(10);
  });

  it('scores no calls as 0 with no confidence, ranked at the neutral prior', () => {
    const none = reputationScore({
      totalCalls: 0,
      successfulCalls: 0,
      serverErrorCalls: 0,
      avgLatencyMs: null,
    });
    expect([none.overall, none.latency, none.reliability, none.quality, none.confidence]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect(none.rankingScore).toBe(5);
  });

  it('rounds each figure once, to the nearest hundredth', () => {
    const score = reputationScore(usage({ totalCalls: 3, successfulCalls: 2, avgLatencyMs: 1234 }));
    expect(score.reliability).toBe(6.67);
    expect(score.latency).toBe(8.77);
    // 0.3 × 8.766 + 0.4 × 6.667 + 0.3 × 10 = 8.2965: from unrounded values, not 8.2971
    expect(score.overall).toBe(8.3);
  });
});

const aggregate = fc
  .record({
    totalCalls: fc.integer({ min: 0, max: 100_000 }),
    successShare: fc.double({ min: 0, max: 1, noNaN: true }),
    errorShare: fc.double({ min: 0, max: 1, noNaN: true }),
    avgLatencyMs: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
    signals: fc.option(
      fc.record({ sum: fc.double({ min: -50, max: 500, noNaN: true }), count: fc.nat(50) }),
      {
        nil: undefined,
      },
    ),
  })
  .map(
    (r): UsageAggregate => ({
      totalCalls: r.totalCalls,
      successfulCalls: Math.floor(r.totalCalls * r.successShare),
      serverErrorCalls: Math.floor(r.totalCalls * (1 - r.successShare) * r.errorShare),
      avgLatencyMs: r.avgLatencyMs,
      qualitySignals: r.signals,
    }),
  );

describe('reputationScore properties', () => {
  it('keeps every figure in its range, even for inconsistent counts', () => {
    const wild = fc.record({
      totalCalls: fc.integer({ min: -5, max: 1000 }),
      successfulCalls: fc.integer({ min: -5, max: 2000 }),
      serverErrorCalls: fc.integer({ min: -5, max: 2000 }),
      avgLatencyMs: fc.option(fc.double(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.oneof(aggregate, wild), (u) => {
        const s = reputationScore(u);
        for (const v of [s.overall, s.latency, s.reliability, s.quality, s.rankingScore]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(10);
        }
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never lowers reliability or overall for more successes', () => {
    fc.assert(
      fc.property(aggregate, fc.nat(1000), (u, extra) => {
        const before = reputationScore(u);
        // A failed (4xx) call that had succeeded instead
        const failures = u.totalCalls - u.successfulCalls - u.serverErrorCalls;
        if (failures > 0) {
          const turned = reputationScore({ ...u, successfulCalls: u.successfulCalls + 1 });
          expect(turned.reliability).toBeGreaterThanOrEqual(before.reliability);
          expect(turned.overall).toBeGreaterThanOrEqual(before.overall);
        }
        // More successful calls added
        const added = reputationScore({
          ...u,
          totalCalls: u.totalCalls + extra,
          successfulCalls: u.successfulCalls + extra,
        });
        expect(added.reliability).toBeGreaterThanOrEqual(before.reliability);
      }),
    );
  });

  it('never ranks a few perfect calls above thousands of good ones', () => {
    const few = fc.record({ totalCalls: fc.integer({ min: 1, max: 3 }), avgLatencyMs: fc.constant(0) });
    const many = fc.record({
      totalCalls: fc.integer({ min: 3000, max: 100_000 }),
      failureShare: fc.double({ min: 0, max: 0.05, noNaN: true }),
      avgLatencyMs: fc.double({ min: 0, max: 3000, noNaN: true }),
    });
    fc.assert(
      fc.property(few, many, (a, b) => {
        const perfect = reputationScore({ ...a, successfulCalls: a.totalCalls, serverErrorCalls: 0 });
        const failures = Math.floor(b.totalCalls * b.failureShare);
        const good = reputationScore({
          totalCalls: b.totalCalls,
          successfulCalls: b.totalCalls - failures,
          serverErrorCalls: failures,
          avgLatencyMs: b.avgLatencyMs,
        });
        expect(perfect.overall).toBeGreaterThanOrEqual(good.overall);
        expect(compareForLeaderboard(good, perfect)).toBeLessThan(0);
        expect([perfect, good].sort(compareForLeaderboard)[0]).toBe(good);
      }),
    );
  });

  it('the 3-versus-3,000 case in figures', () => {
    const three = reputationScore(usage({ totalCalls: 3, successfulCalls: 3 }));
    const thousands = reputationScore(usage({ totalCalls: 3000, successfulCalls: 2950, avgLatencyMs: 1000 }));
    expect(three).toMatchObject({ overall: 10, confidence: 0.13, rankingScore: 5.65 });
    expect(thousands.rankingScore).toBeGreaterThan(9);
  });
});

describe('compareForLeaderboard', () => {
  const score = (rankingScore: number, overall: number, totalCalls: number): ReputationScore => ({
    overall,
    latency: 0,
    reliability: 0,
    quality: 0,
    totalCalls,
    confidence: 0,
    rankingScore,
  });

  it('orders by ranking score, then overall, then calls', () => {
    const a = score(9, 9, 10);
    const b = score(9, 9.5, 10);
    const c = score(9, 9.5, 20);
    const d = score(9.1, 1, 1);
    expect([a, b, c, d].sort(compareForLeaderboard)).toEqual([d, c, b, a]);
    expect(compareForLeaderboard(a, score(9, 9, 10))).toBe(0);
  });
});
