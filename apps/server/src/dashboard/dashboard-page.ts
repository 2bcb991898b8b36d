import { createHash } from 'node:crypto';
import type {
  DailyUsageEntry,
  PaymentMethodTotals,
  PlatformStats,
  RankedProvider,
  ServiceHealth,
} from '../analytics/admin-reports.js';
import { renderBarChart } from './bar-chart-svg.js';
import { escapeHtml } from './html-escape.js';
import { renderLineChart } from './line-chart-svg.js';

/** Everything the admin dashboard shows. */
export interface DashboardData {
  generatedAt: Date;
  stats: PlatformStats;
  /** The last days, oldest first (the page shows what it is given; the route passes 7). */
  daily: readonly DailyUsageEntry[];
  payments: PaymentMethodTotals;
  providers: readonly RankedProvider[];
  health: readonly ServiceHealth[];
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f7f9;color:#1d2733}
header{background:#1d2733;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c4ccd5;font-size:12px}
main{padding:16px 24px;max-width:1100px}
section{background:#fff;border:1px solid #dde2e7;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 16px}
.card{background:#fff;border:1px solid #dde2e7;border-radius:6px;padding:10px 14px;min-width:120px}
.card .value{display:block;font-size:22px;font-weight:600}
.card .name{color:#5b6470;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{max-width:100%;height:auto}
figure{margin:0}figcaption{font-size:13px;color:#5b6470;margin:0 0 4px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef1f4}
th{font-size:12px;color:#5b6470;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.empty{color:#5b6470}
.health-ok{color:#1f8a5b}.health-warn{color:#a86a00}.health-bad{color:#b3261e}
`;

/**
 * The Content-Security-Policy of the dashboard: nothing may load from anywhere, no script
 * runs, and only the page's own style block (by hash) applies.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The style block, for pages that share the dashboard's look (its hash is in the CSP). */
export function dashboardStyle(): string {
  return `<style>${STYLE}</style>`;
}

/**
 * The admin dashboard as one HTML page: stat cards, the daily calls (bars) and revenue
 * (points) charts as inline SVG, the payment breakdown, the top providers and service health.
 * Every value from the database is escaped; the page needs no script and loads nothing.
 *
 * @example
 * ```ts
 * const html = renderDashboardPage({ generatedAt: new Date(), stats, daily, payments, providers, health });
 * ```
 */
export function renderDashboardPage(data: DashboardData): string {
  const s = data.stats;
  const cards: [string, string, string][] = [
    ['total_services', 'Services', String(s.total_services)],
    ['total_agents', 'Agents', String(s.total_agents)],
    ['total_teams', 'Teams', String(s.total_teams)],
    ['total_usage_records', 'Calls recorded', String(s.total_usage_records)],
    ['total_revenue_usd', 'Revenue (USDC)', dollars(s.total_revenue_usd)],
    ['total_settlements', 'Settlements', String(s.total_settlements)],
    ['active_webhooks', 'Active webhooks', String(s.active_webhooks)],
  ];
  const days = data.daily.map((d) => ({ ...d, short: d.date.slice(5) }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Tollway admin dashboard</title>${dashboardStyle()}</head>
<body><header><h1>Tollway marketplace — admin dashboard</h1><p>Generated ${escapeHtml(data.generatedAt.toISOString())} (times and days in UTC)</p></header>
<main>
<div class="cards" id="stats">${cards
    .map(
      ([id, name, value]) =>
        `<div class="card" data-stat="${id}"><span class="value">${escapeHtml(value)}</span><span class="name">${name}</span></div>`,
    )
    .join('')}</div>
<section id="usage"><h2>Usage, last ${days.length} days</h2><div class="charts"><figure><figcaption>Calls per day</figcaption>${renderBarChart(
    {
      title: 'Calls per day',
      bars: days.map((d) => ({ label: d.short, value: d.call_count })),
    },
  )}</figure><figure><figcaption>Revenue per day (USDC)</figcaption>${renderLineChart({
    title: 'Revenue per day (USDC)',
    points: days.map((d) => ({
      label: d.short,
      value: d.revenue_usd,
      valueLabel: dollars(d.revenue_usd),
    })),
    tickLabel: (v) => `$${Number.isInteger(v) ? v : v.toFixed(2)}`,
  })}</figure></div></section>
<section id="payments"><h2>Payment methods</h2>${paymentsTable(data.payments)}</section>
<section id="providers"><h2>Top providers</h2>${providersTable(data.providers)}</section>
<section id="health"><h2>Service health</h2>${healthTable(data.health)}</section>
</main></body></html>`;
}

function table(head: readonly [string, boolean][], rows: readonly string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${empty}</p>`;
  const th = head.map(([name, num]) => `<th${num ? ' class="num"' : ''}>${name}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td${head[i]![1] ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function paymentsTable(methods: PaymentMethodTotals): string {
  const entries = Object.entries(methods);
  const calls = entries.reduce((sum, [, m]) => sum + m.count, 0);
  return table(
    [
      ['Method', false],
      ['Calls', true],
      ['Amount (USDC)', true],
      ['Share of calls', true],
    ],
    entries.map(([method, m]) => [
      escapeHtml(method),
      String(m.count),
      dollars(m.total_usd),
      `${calls > 0 ? ((m.count / calls) * 100).toFixed(1) : '0.0'}%`,
    ]),
    'No payments yet.',
  );
}

function providersTable(providers: readonly RankedProvider[]): string {
  return table(
    [
      ['#', true],
      ['Provider', false],
      ['Calls', true],
      ['Revenue (USDC)', true],
      ['Avg latency', true],
      ['Success', true],
    ],
    providers.map((p, i) => [
      String(i + 1),
      p.display_name === p.provider_id
        ? escapeHtml(p.provider_id)
        : `${escapeHtml(p.display_name)} <span class="empty">(${escapeHtml(p.provider_id)})</span>`,
      String(p.total_calls),
      dollars(p.total_revenue),
      `${p.avg_latency_ms} ms`,
      `${p.success_rate}%`,
    ]),
    'No provider has been called yet.',
  );
}

function healthTable(services: readonly ServiceHealth[]): string {
  return table(
    [
      ['Service', false],
      ['Provider', false],
      ['Calls', true],
      ['Avg latency', true],
      ['Error rate', true],
      ['Last called', false],
    ],
    services.map((s) => [
      escapeHtml(s.name),
      escapeHtml(s.provider_id),
      String(s.total_calls),
      `${s.avg_latency_ms} ms`,
      `<span class="${healthClass(s.error_rate)}">${s.error_rate}%</span>`,
      s.last_called ? escapeHtml(s.last_called.replace('T', ' ').slice(0, 16)) : '—',
    ]),
    'No active services.',
  );
}

/** Error rate bands: under 1 % fine, under 5 % worth a look, otherwise bad. */
function healthClass(errorRate: number): string {
  if (errorRate < 1) return 'health-ok';
  return errorRate < 5 ? 'health-warn' : 'health-bad';
}

/**
 * The small page the dashboard answers instead when the key is missing, wrong or not an
 * admin's (401 or 403). It never shows the key that was sent.
 *
 * @example
 * ```ts
 * renderDashboardErrorPage(403, 'This dashboard needs an admin API key.');
 * ```
 */
export function renderDashboardErrorPage(status: number, message: string): string {
  const title = status === 401 ? 'Sign-in needed' : 'Not allowed';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${status} ${title}</title>${dashboardStyle()}</head>
<body><header><h1>${status} — ${title}</h1></header><main><section><p>${escapeHtml(message)}</p>
<p>Open <code>/admin/dashboard?key=&lt;key_id&gt;:&lt;secret&gt;</code> with an admin API key, or send it as <code>Authorization: Bearer &lt;key_id&gt;:&lt;secret&gt;</code>.</p></section></main></body></html>`;
}

/**
 * An amount (as the API's JSON number, exact to the base unit) shown with at least two decimals:
 * `750.5` → `$750.50`, `0.000125` → `$0.000125`. Text only: no arithmetic on the number.
 */
function dollars(amount: number): string {
  const [whole, fraction = ''] = String(amount).split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}
