import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestBuyer,
  startTestSeller,
  TEST_SERVICES,
  type TestBuyer,
  type TestSeller,
} from '../buyer/test-support.js';

let seller: TestSeller;
let buyer: TestBuyer;

beforeAll(async () => {
  seller = await startTestSeller();
  buyer = await startTestBuyer({ bootstrap: [seller.url] });
});

afterAll(async () => {
  await buyer?.close();
  await seller?.close();
});

/** The value of one sample line of the Prometheus text, by metric name and exact labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const have = inside.split(',');
    if (wanted.every((pair) => have.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics on the buyer proxy', () => {
  it('counts requests by format pair, peer and status, with latency, first byte, tokens and spend', async () => {
    const pinned = `${seller.peerId}@${TEST_SERVICES['openai-chat']}`;
    const anthropic = buyer.anthropic();
    const message = await anthropic.messages
      .stream({ model: pinned, max_tokens: 50, messages: [{ role: 'user', content: 'count me' }] })
      .finalMessage();
    await buyer
      .openai()
      .chat.completions.create({ model: pinned, messages: [{ role: 'user', content: 'and me' }] });
    await expect(buyer.openai().chat.completions.create({ model: 'no-pin', messages: [] })).rejects.toThrow();

    const res = await fetch(`${buyer.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();

    const streamed = {
      route: '/v1/messages',
      client_format: 'anthropic-messages',
      upstream_format: 'openai-chat',
    };
    expect(
      sample(text, 'tollway_buyer_requests_total', { ...streamed, peer: seller.peerId, status: '200' }),
    ).toBe(1);
    expect(sample(text, 'tollway_buyer_request_duration_seconds_count', { ...streamed, status: '200' })).toBe(
      1,
    );
    expect(sample(text, 'tollway_buyer_time_to_first_byte_seconds_count', streamed)).toBe(1);
    expect(
      sample(text, 'tollway_buyer_requests_total', {
        route: '/v1/chat/completions',
        client_format: 'openai-chat',
        upstream_format: 'openai-chat',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sample(text, 'tollway_buyer_requests_total', {
        route: '/v1/chat/completions',
        status: '400',
        code: 'no_peer_pinned',
      }),
    ).toBe(1);
    const output = sample(text, 'tollway_buyer_tokens_total', { peer: seller.peerId, kind: 'output' });
    expect(output).toBeGreaterThanOrEqual(message.usage.output_tokens);
    expect(
      sample(text, 'tollway_buyer_spend_usdc_base_units_total', { peer: seller.peerId }),
    ).toBeGreaterThan(0);
    expect(text).toMatch(/^tollway_buyer_in_flight_requests 1$/m); // the scrape itself
  });
});
