import { formatTick } from './bar-chart-svg.js';
import { type ChartFrame, chartOpening, DEFAULT_FRAME, niceCeiling, px } from './chart-scale.js';
import { escapeHtml } from './html-escape.js';

/** One point: its category label, its value, and the text shown beside it. */
export interface LinePoint {
  label: string;
  value: number;
  valueLabel?: string;
}

/**
 * A line chart as a self-contained inline SVG: a `<polyline class="line">` through one
 * `<circle class="point">` per value (with `data-label` and `data-value`), evenly spaced,
 * on an axis from 0 to a nice maximum.
 *
 * @example
 * ```ts
 * renderLineChart({ title: 'Revenue per day', points: [{ label: 'Mon', value: 1.5, valueLabel: '$1.50' }] });
 * ```
 */
export function renderLineChart(options: {
  title: string;
  points: readonly LinePoint[];
  frame?: ChartFrame;
  tickLabel?: (value: number) => string;
}): string {
  const f = options.frame ?? DEFAULT_FRAME;
  const axisMax = niceCeiling(Math.max(0, ...options.points.map((p) => p.value)));
  const plotWidth = f.width - f.left - f.right;
  const plotHeight = f.height - f.top - f.bottom;
  const slot = plotWidth / Math.max(1, options.points.length);
  const baseline = f.top + plotHeight;
  const coords = options.points.map((p, i) => ({
    point: p,
    x: f.left + slot * i + slot / 2,
    y: baseline - (plotHeight * Math.max(0, p.value)) / axisMax,
  }));
  const parts = [
    chartOpening({
      title: options.title,
      frame: f,
      axisMax,
      tickLabel: options.tickLabel ?? formatTick,
      cssClass: 'chart line-chart',
    }),
  ];
  if (coords.length > 1) {
    parts.push(
      `<polyline class="line" points="${coords.map((c) => `${px(c.x)},${px(c.y)}`).join(' ')}" fill="none" stroke="#1f8a5b" stroke-width="2"/>`,
    );
  }
  for (const { point, x, y } of coords) {
    const label = escapeHtml(point.label);
    const text = escapeHtml(point.valueLabel ?? String(point.value));
    parts.push(
      `<circle class="point" data-label="${label}" data-value="${Math.max(0, point.value)}" cx="${px(x)}" cy="${px(y)}" r="4" fill="#1f8a5b"><title>${label}: ${text}</title></circle>`,
      `<text class="point-value" x="${px(x)}" y="${px(y - 8)}" text-anchor="middle" font-size="11" fill="#1d2733">${text}</text>`,
      `<text class="point-label" x="${px(x)}" y="${baseline + 16}" text-anchor="middle" font-size="11" fill="#5b6470">${label}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
