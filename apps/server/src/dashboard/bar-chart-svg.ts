import { type ChartFrame, chartOpening, DEFAULT_FRAME, niceCeiling, px } from './chart-scale.js';
import { escapeHtml } from './html-escape.js';

/** One bar: its category label, its value, and the text shown above it. */
export interface Bar {
  label: string;
  value: number;
  valueLabel?: string;
}

/**
 * A vertical bar chart as a self-contained inline SVG (no script, no external resource).
 * Each bar is a `<rect class="bar">` with `data-label` and `data-value`; heights are
 * proportional to the values on an axis from 0 to a nice maximum. Negative values draw as 0.
 *
 * @example
 * ```ts
 * renderBarChart({ title: 'Calls per day', bars: [{ label: 'Mon', value: 3 }, { label: 'Tue', value: 5 }] });
 * ```
 */
export function renderBarChart(options: { title: string; bars: readonly Bar[]; frame?: ChartFrame }): string {
  const f = options.frame ?? DEFAULT_FRAME;
  const axisMax = niceCeiling(Math.max(0, ...options.bars.map((b) => b.value)));
  const plotWidth = f.width - f.left - f.right;
  const plotHeight = f.height - f.top - f.bottom;
  const slot = plotWidth / Math.max(1, options.bars.length);
  const barWidth = slot * 0.64;
  const baseline = f.top + plotHeight;
  const parts = [
    chartOpening({
      title: options.title,
      frame: f,
      axisMax,
      tickLabel: formatTick,
      cssClass: 'chart bar-chart',
    }),
  ];
  options.bars.forEach((bar, i) => {
    const value = Math.max(0, bar.value);
    const height = (plotHeight * value) / axisMax;
    const x = f.left + slot * i + (slot - barWidth) / 2;
    const center = f.left + slot * i + slot / 2;
    const label = escapeHtml(bar.label);
    parts.push(
      `<rect class="bar" data-label="${label}" data-value="${value}" x="${px(x)}" y="${px(baseline - height)}" width="${px(barWidth)}" height="${px(height)}" fill="#2f6fb0"><title>${label}: ${escapeHtml(bar.valueLabel ?? String(value))}</title></rect>`,
      `<text class="bar-value" x="${px(center)}" y="${px(baseline - height - 4)}" text-anchor="middle" font-size="11" fill="#1d2733">${escapeHtml(bar.valueLabel ?? String(value))}</text>`,
      `<text class="bar-label" x="${px(center)}" y="${baseline + 16}" text-anchor="middle" font-size="11" fill="#5b6470">${label}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Axis numbers: whole numbers as they are, fractions with up to two decimals. */
export function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, '');
}
