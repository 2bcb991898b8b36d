import { escapeHtml } from './html-escape.js';

/**
 * The smallest "nice" axis maximum (1, 2 or 5 times a power of ten, or 2.5 × 10ⁿ) at or above
 * `max`; 1 when there is nothing to show, so empty charts still have an axis.
 *
 * @example
 * ```ts
 * niceCeiling(37); // 50
 * niceCeiling(0); // 1
 * ```
 */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    if (candidate >= max) return candidate;
  }
  return 10 * power;
}

/** Where a chart draws: the SVG size and the plot area inside its margins. */
export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The default frame of the dashboard's charts. */
export const DEFAULT_FRAME: ChartFrame = {
  width: 640,
  height: 240,
  left: 56,
  right: 16,
  top: 24,
  bottom: 36,
};

/** Rounds a coordinate to two decimals so the SVG text stays short and stable. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * The SVG opening, title, horizontal grid lines with their value labels, and axis, shared by
 * every chart; the caller appends the marks and `</svg>`.
 *
 * @example
 * ```ts
 * const head = chartOpening({ title: 'Calls', frame: DEFAULT_FRAME, axisMax: 50, tickLabel: String, cssClass: 'bar-chart' });
 * ```
 */
export function chartOpening(options: {
  title: string;
  frame: ChartFrame;
  axisMax: number;
  tickLabel: (value: number) => string;
  cssClass: string;
}): string {
  const { frame: f, axisMax } = options;
  const plotHeight = f.height - f.top - f.bottom;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${options.cssClass}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (axisMax * i) / 4;
    const y = f.top + plotHeight - (plotHeight * i) / 4;
    parts.push(
      `<line class="grid" x1="${f.left}" x2="${f.width - f.right}" y1="${px(y)}" y2="${px(y)}" stroke="#e3e6ea" stroke-width="1"/>`,
      `<text class="tick" x="${f.left - 6}" y="${px(y + 4)}" text-anchor="end" font-size="11" fill="#5b6470">${escapeHtml(options.tickLabel(value))}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${f.left}" x2="${f.width - f.right}" y1="${f.top + plotHeight}" y2="${f.top + plotHeight}" stroke="#8a939e" stroke-width="1"/>`,
  );
  return parts.join('');
}
