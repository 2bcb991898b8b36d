import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_CSP,
  type DashboardData,
  renderDashboardErrorPage,
  renderDashboardPage,
} from './dashboard-page.js';

const data: DashboardData = {
  generatedAt: new Date('2026-03-19T15:30:00Z'),
  stats: {
    total_services: 25,
    total_agents: 50,
    total_teams: 8,
    total_usage_records: 15000,
    total_revenue_usd: 750.5,
    total_settlements: 12,
    active_webhooks: 15,
  },
  daily: [
    { date: '2026-03-18', call_count: 3, revenue_usd: 0.15, unique_buyers: 1, unique_services: 1 },
    { date: '2026-03-19', call_count: 5, revenue_usd: 0.25, unique_buyers: 2, unique_services: 1 },
  ],
  payments: { x402: { count: 3, total_usd: 0.15 }, '<b>odd</b>': { count: 1, total_usd: 0 } },
  providers: [
    {
      provider_id: 'p1',
      display_name: '<img src=x onerror=alert(1)>',
      total_calls: 8,
      total_revenue: 0.4,
      avg_latency_ms: 120.5,
      success_rate: 99.8,
    },
  ],
  health: [
    {
      service_id: 's1',
      name: '</td><script>alert(1)</script>',
      provider_id: 'p1',
      status: 'active',
      total_calls: 8,
      avg_latency_ms: 120.5,
      error_rate: 12.5,
      last_called: '2026-03-19T09:45:00.000Z',
    },
  ],
};

describe('renderDashboardPage', () => {
  it('shows the stats, both charts and the three tables', () => {
    const html = renderDashboardPage(data);
    expect(html).toContain('data-stat="total_revenue_usd"><span class="value">$750.50</span>');
    expect(html).toContain('data-stat="total_usage_records"><span class="value">15000</span>');
    expect(html.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(html.match(/<circle class="point"/g)).toHaveLength(2);
    expect(html).toContain('Usage, last 2 days');
    expect(html).toContain('<span class="health-bad">12.5%</span>');
    expect(html).toContain('2026-03-19 09:45');
  });

  it('escapes every value from the database and runs nothing', () => {
    const html = renderDashboardPage(data);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;odd&lt;/b&gt;');
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
  });

  it('allows exactly its own style block in the CSP and nothing else', () => {
    const html = renderDashboardPage(data);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(DASHBOARD_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(DASHBOARD_CSP).toContain("default-src 'none'");
    expect(DASHBOARD_CSP).not.toMatch(/https?:|\*|unsafe/);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('renders empty sections as short notes', () => {
    const html = renderDashboardPage({ ...data, payments: {}, providers: [], health: [] });
    expect(html).toContain('No payments yet.');
    expect(html).toContain('No active services.');
  });
});

describe('renderDashboardErrorPage', () => {
  it('explains what is needed without echoing anything sent', () => {
    const html = renderDashboardErrorPage(403, 'This dashboard needs an admin API key.');
    expect(html).toContain('<title>403 Not allowed</title>');
    expect(html).toContain('This dashboard needs an admin API key.');
  });
});
