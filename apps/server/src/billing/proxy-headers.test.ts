import { formatUsdc, parseUsdc } from '@tollway/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billingHeaders,
  formatUsdAmount,
  forwardedRequestHeaders,
  providerResponseHeaders,
} from './proxy-headers.js';

describe('proxy headers', () => {
  it('strips credentials, hop-by-hop headers and headers named in Connection before forwarding', () => {
    const out = forwardedRequestHeaders(
      new Headers({
        authorization: 'Bearer acf_x:secret',
        cookie: 'session=1',
        'x-api-key': 'k',
        'proxy-authorization': 'Basic x',
        'idempotency-key': 'abc',
        connection: 'keep-alive, x-private',
        'x-private': 'hop',
        host: 'marketplace',
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'x-custom': 'kept',
      }),
    );
    expect(Object.fromEntries(out)).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-custom': 'kept',
    });
  });

  it('passes the provider headers on without hop-by-hop headers, encodings and cookies', () => {
    const out = providerResponseHeaders(
      new Headers({
        'content-type': 'text/event-stream',
        'content-encoding': 'gzip',
        'content-length': '12',
        'transfer-encoding': 'chunked',
        'set-cookie': 'a=b',
        'x-provider': 'yes',
      }),
    );
    expect(Object.fromEntries(out)).toEqual({ 'content-type': 'text/event-stream', 'x-provider': 'yes' });
  });

  it('writes the documented billing headers', () => {
    expect(billingHeaders({ usageId: 'u-1', amount: 50_000n, freeTier: false, latencyMs: 149.6 })).toEqual({
      'X-ACF-Usage-Id': 'u-1',
      'X-ACF-Amount': '0.05',
      'X-ACF-Free-Tier': 'false',
      'X-ACF-Latency-Ms': '150',
    });
    expect(billingHeaders({ usageId: 'u-2', amount: 0n, freeTier: true, latencyMs: 3 })['X-ACF-Amount']).toBe(
      '0.00',
    );
  });

  it('formats amounts with 2 to 6 decimals and exactly (property)', () => {
    expect(formatUsdAmount(2_100_000n)).toBe('2.10');
    expect(formatUsdAmount(125n)).toBe('0.000125');
    expect(formatUsdAmount(12_345_670n)).toBe('12.34567');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (units) => {
        const text = formatUsdAmount(units);
        return (
          parseUsdc(text) === units &&
          /^\d+\.\d{2,6}$/.test(text) &&
          formatUsdc(parseUsdc(text)) === formatUsdc(units)
        );
      }),
    );
  });
});
