import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBarChart } from './bar-chart-svg.js';
import { niceCeiling } from './chart-scale.js';
import { renderLineChart } from './line-chart-svg.js';

const attr = (tag: string, name: string) => Number(new RegExp(` ${name}="([^"]*)"`).exec(tag)![1]);
const tags = (svg: string, pattern: RegExp) => svg.match(pattern) ?? [];

describe('renderBarChart', () => {
  it('draws one bar per value, heights proportional on a nice axis', () => {
    const svg = renderBarChart({
      title: 'Calls per day',
      bars: [
        { label: '03-18', value: 10 },
        { label: '03-19', value: 40 },
        { label: '03-20', value: 0 },
      ],
    });
    const bars = tags(svg, /<rect class="bar"[^>]*>/g);
    expect(bars).toHaveLength(3);
    // Axis 0–50 over a plot 180 px high: 40 → 144 px, 10 → 36 px, 0 → 0 px, all on one baseline.
    expect(bars.map((b) => attr(b, 'height'))).toEqual([36, 144, 0]);
    expect(bars.map((b) => attr(b, 'y') + attr(b, 'height'))).toEqual([204, 204, 204]);
    expect(svg).toContain('<title>Calls per day</title>');
    expect(svg).toContain('data-label="03-19" data-value="40"');
    expect(svg).toMatch(/>50<\/text>/);
    expect(svg).not.toMatch(/<script|href=/i);
  });

  it('escapes labels and survives empty data', () => {
    const svg = renderBarChart({ title: '<x>', bars: [{ label: '<script>alert(1)</script>', value: 1 }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(tags(renderBarChart({ title: 'none', bars: [] }), /<rect class="bar"/g)).toHaveLength(0);
  });

  it('keeps every bar inside the plot, the tallest proportional to its share of the axis', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 31 }),
        (values) => {
          const svg = renderBarChart({
            title: 't',
            bars: values.map((value, i) => ({ label: String(i), value })),
          });
          const bars = tags(svg, /<rect class="bar"[^>]*>/g);
          expect(bars).toHaveLength(values.length);
          const axis = niceCeiling(Math.max(...values));
          bars.forEach((bar, i) => {
            expect(attr(bar, 'y')).toBeGreaterThanOrEqual(24 - 0.01);
            expect(attr(bar, 'height')).toBeCloseTo((180 * values[i]!) / axis, 1);
            expect(attr(bar, 'x') + attr(bar, 'width')).toBeLessThanOrEqual(640 - 16 + 0.01);
          });
        },
      ),
    );
  });
});

describe('renderLineChart', () => {
  it('draws a point per value joined by one line', () => {
    const svg = renderLineChart({
      title: 'Revenue',
      points: [
        { label: 'a', value: 0.5, valueLabel: '$0.50' },
        { label: 'b', value: 2, valueLabel: '$2.00' },
      ],
    });
    const points = tags(svg, /<circle class="point"[^>]*>/g);
    expect(points).toHaveLength(2);
    // Axis 0–2: 0.5 sits a quarter up the 180 px plot, 2 at the top.
    expect(points.map((p) => attr(p, 'cy'))).toEqual([204 - 45, 24]);
    expect(tags(svg, /<polyline class="line"/g)).toHaveLength(1);
    expect(svg).toContain('$2.00');
  });
});

describe('niceCeiling', () => {
  it('is the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above the maximum', () => {
    expect([0, 1, 3, 37, 100, 101, 0.07].map(niceCeiling)).toEqual([1, 1, 5, 50, 100, 200, 0.1]);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (max) => {
        const ceiling = niceCeiling(max);
        expect(ceiling).toBeGreaterThanOrEqual(max);
        expect(ceiling).toBeLessThanOrEqual(max * 2.5 + 1e-9);
      }),
    );
  });
});
