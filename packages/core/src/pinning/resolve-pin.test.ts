import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePeerId } from './peer-id.js';
import { resolvePin } from './resolve-pin.js';

const PEER = '6f9b9e63d3f776d359eb2fb0a82d12ee496fbefe';
const OTHER = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SESSION = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('normalizePeerId', () => {
  it('accepts any case with or without 0x, and gives one form', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{40}$/);
    fc.assert(
      fc.property(hex, fc.boolean(), (id, prefix) => {
        expect(normalizePeerId(`${prefix ? '0x' : ''}${id}`)).toBe(id.toLowerCase());
      }),
    );
  });

  it.each(['', '0x', 'abc', `${PEER}0`, `${PEER.slice(1)}g`, 'gg'.repeat(20)])('refuses %j', (value) => {
    expect(normalizePeerId(value)).toBeUndefined();
  });
});

describe('resolvePin', () => {
  it('takes the header over the model prefix over the session pin', () => {
    const all = { header: OTHER, model: `${PEER}@m`, sessionPeer: SESSION };
    expect(resolvePin(all)).toEqual({ ok: true, value: { peerId: OTHER, source: 'header', model: 'm' } });
    expect(resolvePin({ ...all, header: undefined })).toEqual({
      ok: true,
      value: { peerId: PEER, source: 'model-prefix', model: 'm' },
    });
    expect(resolvePin({ model: 'm', sessionPeer: SESSION })).toEqual({
      ok: true,
      value: { peerId: SESSION, source: 'session', model: 'm' },
    });
  });

  it('normalises every source', () => {
    const upper = `0x${PEER.toUpperCase()}`;
    for (const sources of [{ header: upper }, { model: `${upper}@m` }, { sessionPeer: upper }]) {
      const result = resolvePin(sources);
      expect(result.ok && result.value.peerId).toBe(PEER);
    }
  });

  it('strips the model prefix, and lets a session service pin replace an unprefixed model', () => {
    expect(resolvePin({ model: `${PEER}@deepseek-v3.1`, sessionService: 'svc' })).toMatchObject({
      value: { model: 'deepseek-v3.1' },
    });
    expect(resolvePin({ model: 'gpt-4o', sessionPeer: PEER, sessionService: 'svc' })).toMatchObject({
      value: { model: 'svc' },
    });
    expect(resolvePin({ model: 'org@model', sessionPeer: PEER })).toMatchObject({
      value: { model: 'org@model' },
    });
  });

  it('refuses a request with no pin, naming the three ways to pin', () => {
    const result = resolvePin({ model: 'gpt-4o' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('no_peer_pinned');
    expect(result.error.status).toBe(400);
    expect(result.error.message).toContain('tollway buyer connection set --peer');
    expect(result.error.message).toContain('x-antseed-pin-peer');
    expect(result.error.message).toContain('@<model>');
  });

  it('refuses a header that is not a peer id rather than ignoring it', () => {
    const result = resolvePin({ header: 'stratacode', sessionPeer: PEER });
    expect(!result.ok && result.error.code).toBe('invalid_peer_id');
    expect(!result.ok && result.error.param).toBe('x-antseed-pin-peer');
  });

  it('uses the first of repeated headers', () => {
    expect(resolvePin({ header: [PEER, OTHER] })).toMatchObject({ value: { peerId: PEER } });
  });
});
