import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ApiFormat } from '@tollway/core';
import { Agent, type Dispatcher, request } from 'undici';
import { UpstreamError } from './upstream-error.js';
import { upstreamHeaders } from './upstream-headers.js';
import { upstreamUrl } from './upstream-url.js';

/** An upstream model server: OpenAI, Anthropic, or anything compatible (Ollama, vLLM). */
export interface HttpUpstream {
  /** `https://api.openai.com/v1`, `https://api.anthropic.com`, `http://localhost:11434/v1`. */
  baseUrl: string;
  format: ApiFormat;
  apiKey?: string | undefined;
  /** Extra headers sent on every call. */
  headers?: Record<string, string> | undefined;
}

/** Timeouts of an upstream call, in ms. */
export interface UpstreamTimeouts {
  /** TCP + TLS connect. Default 10 000. */
  connectMs?: number;
  /** Until the response headers arrive. Default 120 000. */
  headersMs?: number;
  /** Silence between two body chunks. Default 300 000. */
  idleMs?: number;
}

/** Arguments of {@link forwardToUpstream}. */
export interface ForwardToUpstreamInput {
  upstream: HttpUpstream;
  /** The request path, `/v1/...` (`/v1/messages/count_tokens` included). */
  path: string;
  body: string | Uint8Array;
  /** The client's headers: only an allow-list passes (see `upstreamHeaders`). */
  clientHeaders: IncomingHttpHeaders;
  signal?: AbortSignal | undefined;
  timeouts?: UpstreamTimeouts | undefined;
  /** Dispatcher to use instead of the shared one (tests, proxies). */
  dispatcher?: Dispatcher | undefined;
}

/** The upstream's answer, its body still streaming. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, chunk by chunk as it arrives; destroy it to abandon the call. */
  body: Readable;
}

const DEFAULT_TIMEOUTS = { connectMs: 10_000, headersMs: 120_000, idleMs: 300_000 } as const;

/** One agent per connect timeout, so connections to an upstream are reused across calls. */
const agents = new Map<number, Agent>();

function sharedAgent(connectMs: number): Agent {
  let agent = agents.get(connectMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectMs } });
    agents.set(connectMs, agent);
  }
  return agent;
}

/**
 * Sends a model call to an upstream and returns its answer as soon as the headers arrive, the
 * body still streaming. Failures to reach the upstream become {@link UpstreamError}s:
 * `upstream_unreachable` (502) and `upstream_timeout` (504). An idle body past `idleMs`
 * errors the body stream (the caller then ends its own response).
 *
 * @example
 * ```ts
 * const res = await forwardToUpstream({
 *   upstream: { baseUrl: 'https://api.openai.com/v1', format: 'openai-chat', apiKey },
 *   path: '/v1/chat/completions',
 *   body: JSON.stringify({ model: 'gpt-4o', messages, stream: true }),
 *   clientHeaders: req.headers,
 * });
 * res.body.pipe(clientResponse);
 * ```
 */
export async function forwardToUpstream(input: ForwardToUpstreamInput): Promise<UpstreamResponse> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...input.timeouts };
  const url = upstreamUrl(input.upstream.baseUrl, input.path);
  try {
    const res = await request(url, {
      method: 'POST',
      headers: upstreamHeaders(input.upstream, input.clientHeaders),
      body: input.body,
      signal: input.signal,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.idleMs,
      dispatcher: input.dispatcher ?? sharedAgent(timeouts.connectMs),
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  } catch (error) {
    throw toUpstreamError(error, url, timeouts);
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Maps a network failure to an UpstreamError; an abort by the caller stays what it is. The
 * message names the upstream's origin only, never its path or key.
 */
function toUpstreamError(error: unknown, url: string, timeouts: Required<UpstreamTimeouts>): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED') return error;
  const origin = new URL(url).origin;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    const limit = code === 'UND_ERR_CONNECT_TIMEOUT' ? timeouts.connectMs : timeouts.headersMs;
    return new UpstreamError(
      'upstream_timeout',
      `The upstream ${origin} did not answer within ${limit} ms.`,
      {
        cause: error,
      },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new UpstreamError('upstream_unreachable', `The upstream ${origin} could not be reached.`, {
    details: reason,
    cause: error,
  });
}
