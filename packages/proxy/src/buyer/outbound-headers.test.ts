import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outboundHeaders } from './outbound-headers.js';

describe('outboundHeaders', () => {
  it('forwards only the allow-listed client headers, whatever else the client sends', () => {
    const allowed = new Set(['content-type', 'accept', 'anthropic-version', 'anthropic-beta', 'openai-beta']);
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z-]{0,20}$/), fc.string()), (client) => {
        const out = outboundHeaders({ ...client, authorization: 'Bearer sk-secret', 'x-api-key': 'k' });
        for (const name of Object.keys(out)) expect(allowed.has(name)).toBe(true);
        expect(out['content-type']).toBe('application/json');
      }),
    );
  });

  it('lets the signature and payment headers through and win', () => {
    expect(outboundHeaders({ accept: 'text/event-stream' }, { 'X-Tollway-Signature': '0xabc' })).toEqual({
      accept: 'text/event-stream',
      'content-type': 'application/json',
      'x-tollway-signature': '0xabc',
    });
  });
});
