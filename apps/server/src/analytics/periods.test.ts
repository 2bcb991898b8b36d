import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillPeriods, GRANULARITIES, periodLabel, periodStart, recentPeriods } from './periods.js';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('period labels', () => {
  it('labels ISO weeks by the year of their Thursday', () => {
    expect(periodLabel(utc('2026-03-16'), 'weekly')).toBe('2026-W12');
    expect(periodLabel(utc('2020-12-28'), 'weekly')).toBe('2020-W53');
    expect(periodLabel(periodStart(utc('2021-01-03'), 'weekly'), 'weekly')).toBe('2020-W53');
    expect(periodLabel(utc('2024-12-30'), 'weekly')).toBe('2025-W01');
    expect(periodLabel(utc('2026-01-05'), 'weekly')).toBe('2026-W02');
  });

  it('labels days and months', () => {
    expect(periodLabel(utc('2026-03-19'), 'daily')).toBe('2026-03-19');
    expect(periodLabel(utc('2026-03-01'), 'monthly')).toBe('2026-03');
  });

  it('starts weeks on Monday and months on the first, in UTC', () => {
    expect(periodStart(new Date('2026-03-22T23:59:59Z'), 'weekly').toISOString()).toBe(
      '2026-03-16T00:00:00.000Z',
    );
    expect(periodStart(new Date('2026-03-19T15:00:00Z'), 'monthly').toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });
});

describe('recentPeriods', () => {
  it('gives the last periods up to the current one, oldest first', () => {
    const periods = recentPeriods(new Date('2026-03-19T12:00:00Z'), 'daily', 7);
    expect(periods.map((p) => p.label)).toEqual([
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
    ]);
    expect(recentPeriods(new Date('2026-03-19T12:00:00Z'), 'monthly', 3).map((p) => p.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('covers a contiguous span holding now, each period holding its own start', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom(...GRANULARITIES),
        fc.integer({ min: 1, max: 60 }),
        (now, granularity, count) => {
          const periods = recentPeriods(now, granularity, count);
          expect(periods).toHaveLength(count);
          const last = periods.at(-1)!;
          expect(last.start.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(last.end.getTime()).toBeGreaterThan(now.getTime());
          for (let i = 0; i < periods.length; i++) {
            const p = periods[i]!;
            if (i > 0) expect(p.start).toEqual(periods[i - 1]!.end);
            expect(periodStart(p.start, granularity)).toEqual(p.start);
            expect(p.key).toBe(p.start.toISOString().slice(0, 10));
            // Any instant inside the period has the period's start and label.
            const inside = new Date(p.start.getTime() + (p.end.getTime() - p.start.getTime()) / 2);
            expect(periodStart(inside, granularity)).toEqual(p.start);
            expect(periodLabel(periodStart(inside, granularity), granularity)).toBe(p.label);
          }
          expect(new Set(periods.map((p) => p.label)).size).toBe(count);
        },
      ),
    );
  });
});

describe('fillPeriods', () => {
  it('puts each row on its period and shapes the gaps', () => {
    const periods = recentPeriods(new Date('2026-03-19T12:00:00Z'), 'daily', 3);
    const filled = fillPeriods(periods, [{ period: '2026-03-18', calls: 4 }], (row, p) => ({
      date: p.label,
      calls: row?.calls ?? 0,
    }));
    expect(filled).toEqual([
      { date: '2026-03-17', calls: 0 },
      { date: '2026-03-18', calls: 4 },
      { date: '2026-03-19', calls: 0 },
    ]);
  });
});
