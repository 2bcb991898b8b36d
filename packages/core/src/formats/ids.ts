/**
 * Deterministic id mapping between formats. Ids are never invented at random: the same source
 * id always maps to the same target id, so a tool result sent on the next turn finds its call.
 */

const KNOWN_PREFIXES = ['chatcmpl-', 'resp_', 'msg_', 'toolu_', 'call_', 'fc_', 'rs_'];

/** The id without a known format prefix (`call_abc` → `abc`). */
export function idBody(id: string): string {
  for (const prefix of KNOWN_PREFIXES) {
    if (id.startsWith(prefix) && id.length > prefix.length) return id.slice(prefix.length);
  }
  return id;
}

/**
 * `id` with `prefix`, replacing another known prefix (`chatcmpl-abc` → `msg_abc`). An id that
 * already has the prefix is returned unchanged.
 */
export function withIdPrefix(prefix: string, id: string): string {
  return id.startsWith(prefix) ? id : `${prefix}${idBody(id)}`;
}

/**
 * A tool call id Anthropic accepts (`^[a-zA-Z0-9_-]+$`): characters outside the set are
 * replaced by `_` and, so that two ids cannot collide after the replacement, a short hash of
 * the original is appended. Ids that are already valid are returned unchanged.
 */
export function toAnthropicToolId(id: string): string {
  if (/^[a-zA-Z0-9_-]+$/.test(id)) return id;
  if (id === '') return 'toolu_empty';
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '_')}_${fnv1a(id)}`;
}

/** The Responses function-call item id (`fc_…`) for a call id, when the source had none. */
export function functionCallItemId(callId: string): string {
  return withIdPrefix('fc_', toAnthropicToolId(callId));
}

/** A short stable hash (FNV-1a, 32 bits, base 36) of a string. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
