import { normalizePeerId } from './peer-id.js';
import { PIN_HELP, PinError } from './pin-error.js';

/** Where a request's peer may come from. */
export interface PinSources {
  /** The `x-antseed-pin-peer` (or `x-tollway-pin-peer`) header value(s). */
  header?: string | readonly string[] | undefined;
  /** The request body's `model` field. */
  model?: string | undefined;
  /** The session pin (`tollway buyer connection set --peer`). */
  sessionPeer?: string | null | undefined;
  /** The session service pin (`tollway buyer connection set --service`): replaces `model`. */
  sessionService?: string | null | undefined;
}

/** Which peer a request goes to, and the model to ask it for. */
export interface Pin {
  peerId: string;
  source: 'header' | 'model-prefix' | 'session';
  /** The model to forward: without a `<peerId>@` prefix, or the session service. */
  model: string | undefined;
}

/**
 * Resolves the peer of a request. Precedence: header > `<peerId>@<model>` prefix > session pin;
 * every source is normalised (`0x` and case). The model prefix is stripped; a session service
 * pin replaces the body's model unless the request names its model with a prefix. No pin at
 * all is a `no_peer_pinned` error whose message names the three ways to pin.
 *
 * @example
 * ```ts
 * resolvePin({ model: '0x6F9B9E63D3F776D359EB2FB0A82D12EE496FBEFE@deepseek-v3.1' });
 * // { ok: true, value: { peerId: '6f9b…befe', source: 'model-prefix', model: 'deepseek-v3.1' } }
 * resolvePin({ model: 'gpt-4o' }); // { ok: false, error: PinError('no_peer_pinned') }
 * ```
 */
export function resolvePin(sources: PinSources): { ok: true; value: Pin } | { ok: false; error: PinError } {
  const prefixed = splitModelPrefix(sources.model);
  const model = prefixed?.model ?? sources.sessionService ?? sources.model;

  const header = typeof sources.header === 'string' ? sources.header : sources.header?.[0];
  if (header !== undefined && header.trim() !== '') {
    const peerId = normalizePeerId(header);
    if (!peerId) {
      const message = `x-antseed-pin-peer: "${header}" is not a peer id (40 hex characters, optionally 0x-prefixed)`;
      return { ok: false, error: new PinError('invalid_peer_id', message, 'x-antseed-pin-peer') };
    }
    return { ok: true, value: { peerId, source: 'header', model } };
  }
  if (prefixed) return { ok: true, value: { peerId: prefixed.peerId, source: 'model-prefix', model } };
  if (sources.sessionPeer) {
    const peerId = normalizePeerId(sources.sessionPeer);
    if (!peerId) {
      const message = `the session pin "${sources.sessionPeer}" is not a peer id; set it again with "tollway buyer connection set --peer"`;
      return { ok: false, error: new PinError('invalid_peer_id', message, 'session') };
    }
    return { ok: true, value: { peerId, source: 'session', model } };
  }
  return {
    ok: false,
    error: new PinError('no_peer_pinned', `No peer is pinned. ${PIN_HELP}`, 'x-antseed-pin-peer'),
  };
}

/**
 * `<peerId>@<model>` split in two, when the part before the first `@` is a peer id; a model
 * that merely contains `@` (`org@model`) has no prefix.
 */
function splitModelPrefix(model: string | undefined): { peerId: string; model: string } | undefined {
  if (model === undefined) return undefined;
  const at = model.indexOf('@');
  if (at === -1) return undefined;
  const peerId = normalizePeerId(model.slice(0, at));
  return peerId ? { peerId, model: model.slice(at + 1) } : undefined;
}
