/**
 * The URL of an upstream call: a base URL ending in `/v1` gets the part after `/v1`
 * (`https://api.openai.com/v1` + `/v1/chat/completions`), any other base gets the whole path
 * (`https://api.anthropic.com` + `/v1/messages`). A trailing slash on the base is ignored.
 *
 * @example
 * ```ts
 * upstreamUrl('http://localhost:11434/v1', '/v1/chat/completions'); // 'http://localhost:11434/v1/chat/completions'
 * upstreamUrl('https://api.anthropic.com', '/v1/messages'); // 'https://api.anthropic.com/v1/messages'
 * ```
 */
export function upstreamUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  if (base.endsWith('/v1') && withSlash.startsWith('/v1/')) return base + withSlash.slice(3);
  return base + withSlash;
}
