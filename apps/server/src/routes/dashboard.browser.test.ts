import { existsSync } from 'node:fs';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService, insertUsage } from '../analytics/test-fixtures.js';
import { createTestServer, type TestKey, type TestServer } from '../test-support/test-server.js';

/** The part of the browser's `window` a page check uses (the server is compiled without DOM types). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

const CHROMIUM = '/usr/bin/chromium';
const NOW = Date.parse('2026-03-19T15:30:00Z');
const DAY = 86_400_000;
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium`);
}

/** Calls per day, oldest first, for the 7 days the chart shows (2026-03-13 … 2026-03-19). */
const CALLS = [2, 0, 5, 1, 3, 8, 4];

describe.skipIf(!hasChromium)('admin dashboard in a browser', () => {
  let t: TestServer;
  let admin: TestKey;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestServer({ now: () => NOW });
    admin = await t.issueTestKey('admin');
    const db = t.database.db;
    const echo = await insertService(db, { providerId: 'provider-1', name: 'Echo' });
    const slow = await insertService(db, { providerId: 'provider-2', name: 'Slow one' });
    for (const [i, calls] of CALLS.entries()) {
      for (let n = 0; n < calls; n++) {
        const second = n % 2 === 1;
        await insertUsage(db, {
          serviceId: second ? slow : echo,
          providerId: second ? 'provider-2' : 'provider-1',
          buyerId: `buyer-${n % 3}`,
          amountUnits: 250_000n,
          latencyMs: second ? 900 : 100,
          statusCode: second && n === 3 ? 502 : 200,
          paymentMethod: second ? 'prepaid' : 'x402',
          createdAt: new Date(NOW - (6 - i) * DAY),
        });
      }
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the numbers and the 7-day chart, loading nothing from outside loopback', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    const response = await page.goto(`${t.url}/admin/dashboard?key=${admin.keyId}:${admin.secret}`);
    expect(response?.status()).toBe(200);

    const total = CALLS.reduce((a, b) => a + b, 0);
    const card = (stat: string) => page.locator(`[data-stat="${stat}"] .value`).innerText();
    expect(await card('total_usage_records')).toBe(String(total));
    expect(await card('total_revenue_usd')).toBe(`$${(total * 0.25).toFixed(2)}`);
    expect(await card('total_services')).toBe('2');

    const bars = page.locator('svg.bar-chart rect.bar');
    expect(await bars.count()).toBe(7);
    const values = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))));
    expect(values).toEqual(CALLS);
    const heights = await bars.evaluateAll((rects) =>
      rects.map((r) => (r as unknown as { getBBox(): { height: number } }).getBBox().height),
    );
    // Axis 0–10 over a 180 px plot: 18 px per call.
    expect(heights.map((h) => Math.round(h))).toEqual(CALLS.map((c) => c * 18));
    const labels = await page.locator('svg.bar-chart text.bar-label').allTextContents();
    expect(labels).toEqual(['03-13', '03-14', '03-15', '03-16', '03-17', '03-18', '03-19']);
    expect(await page.locator('svg.line-chart circle.point').count()).toBe(7);

    const paymentRows = await page.locator('#payments tbody tr').allInnerTexts();
    expect(paymentRows.map((r) => r.split('\t')[0])).toEqual(['x402', 'prepaid']);
    const providers = await page.locator('#providers tbody tr td:nth-child(2)').allInnerTexts();
    expect(providers).toEqual(['provider-1', 'provider-2']);
    expect(await page.locator('#health tbody tr').count()).toBe(2);
    expect(await page.locator('#health .health-bad, #health .health-warn').count()).toBe(1);

    // Styles applied (the CSP hash matches), so the page looks as designed.
    const background = await page
      .locator('header')
      .evaluate((h) => (globalThis as unknown as BrowserWindow).getComputedStyle(h).backgroundColor);
    expect(background).toBe('rgb(29, 39, 51)');
    expect(violations).toEqual([]);

    for (const url of requested) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(requested.length).toBeGreaterThan(0);

    const dir = await mkdtemp(join(tmpdir(), 'tollway-dashboard-'));
    const file = join(dir, 'admin-dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(10_000);
    console.info(`dashboard screenshot: ${file}`);
    await page.close();
  });

  it('shows the 403 page to a provider key', async () => {
    const provider = await t.issueTestKey('provider');
    const page = await browser.newPage();
    const response = await page.goto(`${t.url}/admin/dashboard?key=${provider.keyId}:${provider.secret}`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe('403 — Not allowed');
    await page.close();
  });
});
