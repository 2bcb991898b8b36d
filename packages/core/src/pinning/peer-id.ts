/**
 * A peer id in its one canonical form: the identity's address as 40 lower-case hex characters,
 * without `0x`. Every pin source (header, model prefix, session pin, command line) goes through
 * this, so `0xAbC…` and `abc…` name the same peer.
 *
 * @example
 * ```ts
 * normalizePeerId('0x6F9B9E63D3F776D359EB2FB0A82D12EE496FBEFE'); // '6f9b9e63d3f776d359eb2fb0a82d12ee496fbefe'
 * normalizePeerId('not-a-peer'); // undefined
 * ```
 */
export function normalizePeerId(value: string): string | undefined {
  const bare = value.trim().replace(/^0x/i, '').toLowerCase();
  return /^[0-9a-f]{40}$/.test(bare) ? bare : undefined;
}
