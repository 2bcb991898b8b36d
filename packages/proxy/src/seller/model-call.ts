import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiFormat } from '@tollway/core';
import { testModelCountTokens, testModelRespond } from '../test-model/test-model-respond.js';
import { forwardToUpstream, type UpstreamTimeouts } from '../upstream/forward-to-upstream.js';
import { UpstreamError } from '../upstream/upstream-error.js';
import { canCountTokens } from './metadata-signer.js';
import type { SellerServiceConfig } from './seller-options.js';
import type { SellerRefusal } from './seller-refusal.js';

/** Upstream response headers worth passing to the buyer; the rest describe the upstream, not the answer. */
const PASSED_BACK = ['content-type', 'cache-control', 'retry-after'] as const;

/** A model call that passed every check, ready to run. */
export interface ModelCall {
  service: SellerServiceConfig;
  /** The format of the request path. */
  format: ApiFormat;
  path: string;
  countTokens: boolean;
  body: Record<string, unknown>;
  req: IncomingMessage;
  res: ServerResponse;
  timeouts: UpstreamTimeouts | undefined;
}

/**
 * Finds the service a body names and checks that the path suits it. Returns the refusal to
 * send, or the service.
 *
 * @example
 * ```ts
 * const found = findService(services, body.model, 'openai-chat', false);
 * ```
 */
export function findService(
  services: SellerServiceConfig[],
  model: unknown,
  format: ApiFormat,
  countTokens: boolean,
): { ok: true; service: SellerServiceConfig } | { ok: false; refusal: SellerRefusal } {
  const service = services.find((s) => s.name === model);
  if (!service) {
    const offered = services.map((s) => `"${s.name}"`).join(', ') || 'none';
    const asked = typeof model === 'string' ? `"${model}"` : 'no model';
    return {
      ok: false,
      refusal: {
        status: 404,
        code: 'model_not_offered',
        message: `This seller does not offer ${asked}. It offers: ${offered}.`,
      },
    };
  }
  if (countTokens && !canCountTokens(service)) {
    return {
      ok: false,
      refusal: {
        status: 404,
        code: 'not_supported',
        message: `"${service.name}" does not count tokens (its metadata says countTokens: false).`,
      },
    };
  }
  // The test model reads every format; a real upstream only its own.
  const formatOk = service.format === format || (countTokens && service.upstream.kind === 'test-model');
  if (!formatOk) {
    return {
      ok: false,
      refusal: {
        status: 400,
        code: 'format_mismatch',
        message: `"${service.name}" speaks ${service.format}; this path is ${format}. Send the body in ${service.format} to its path.`,
      },
    };
  }
  return { ok: true, service };
}

/**
 * Runs a checked call and streams the answer to the buyer unchanged: status, content type and
 * body chunk by chunk. Returns a refusal when the upstream cannot be reached; once the answer
 * has started, a failure destroys the response (the buyer turns that into its client's
 * terminal error event).
 */
export async function runModelCall(call: ModelCall): Promise<SellerRefusal | undefined> {
  const { service, res } = call;
  const body = { ...call.body, model: service.upstreamModel };
  if (service.upstream.kind === 'test-model') return runTestModel(call, body);

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.once('close', onClose);
  try {
    let upstream: Awaited<ReturnType<typeof forwardToUpstream>>;
    try {
      upstream = await forwardToUpstream({
        upstream: {
          baseUrl: service.upstream.baseUrl,
          format: service.format,
          apiKey: service.upstream.apiKey,
          headers: service.upstream.headers,
        },
        path: call.path,
        body: JSON.stringify(body),
        clientHeaders: call.req.headers,
        signal: abort.signal,
        timeouts: call.timeouts,
      });
    } catch (error) {
      if (error instanceof UpstreamError)
        return { status: error.status, code: error.code, message: error.message };
      if (abort.signal.aborted) return undefined; // the buyer went away
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of PASSED_BACK) {
      const value = upstream.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    res.flushHeaders();
    await streamTo(upstream.body, res);
    return undefined;
  } finally {
    res.off('close', onClose);
  }
}

async function runTestModel(call: ModelCall, body: Record<string, unknown>): Promise<undefined> {
  const { res } = call;
  if (call.countTokens) {
    const counted = testModelCountTokens({ format: call.format, body });
    const text = counted.ok ? JSON.stringify({ input_tokens: counted.input_tokens }) : counted.response.body;
    res.writeHead(counted.ok ? 200 : counted.response.status, { 'content-type': 'application/json' });
    res.end(text);
    return undefined;
  }
  const answer = await testModelRespond({ format: call.format, body });
  res.writeHead(answer.status, answer.headers);
  if (typeof answer.body === 'string') {
    res.end(answer.body);
    return undefined;
  }
  res.flushHeaders();
  await streamTo(Readable.from(answer.body, { objectMode: false }), res);
  return undefined;
}

/** Pipes chunk by chunk; a broken source or a vanished buyer destroys the response, nothing more. */
async function streamTo(source: Readable, res: ServerResponse): Promise<void> {
  try {
    await pipeline(source, res);
  } catch {
    res.destroy();
  }
}
