import type { IncomingHttpHeaders } from 'node:http';
import type { ApiFormat } from '@tollway/core';

/** Client headers that describe the request itself and are safe to pass to an upstream. */
const PASSED_THROUGH = [
  'anthropic-version',
  'anthropic-beta',
  'openai-beta',
  'content-type',
  'accept',
] as const;

const ANTHROPIC_VERSION = '2023-06-01';

/** What {@link upstreamHeaders} needs about the upstream. */
export interface UpstreamAuth {
  format: ApiFormat;
  apiKey?: string | undefined;
  /** Extra headers the seller configured (an organisation id, a gateway's routing header). */
  headers?: Record<string, string> | undefined;
}

/**
 * The headers of an upstream call. Only a short allow-list of client headers passes; the
 * buyer's credentials and signature headers never do. The seller's own key is added in the
 * upstream format's way: `Authorization: Bearer` for OpenAI formats, `x-api-key` (plus
 * `anthropic-version: 2023-06-01` unless the client sent one) for Anthropic.
 *
 * @example
 * ```ts
 * upstreamHeaders({ format: 'anthropic-messages', apiKey: 'sk-ant-…' }, req.headers);
 * // { 'content-type': 'application/json', 'x-api-key': 'sk-ant-…', 'anthropic-version': '2023-06-01' }
 * ```
 */
export function upstreamHeaders(upstream: UpstreamAuth, client: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = client[name];
    if (typeof value === 'string') out[name] = value;
  }
  out['content-type'] ??= 'application/json';
  for (const [name, value] of Object.entries(upstream.headers ?? {})) out[name.toLowerCase()] = value;
  if (upstream.format === 'anthropic-messages') {
    out['anthropic-version'] ??= ANTHROPIC_VERSION;
    if (upstream.apiKey) out['x-api-key'] = upstream.apiKey;
  } else if (upstream.apiKey) {
    out.authorization = `Bearer ${upstream.apiKey}`;
  }
  return out;
}
