// A model server on loopback that replays recorded real API answers (the core package's
// fixtures) in all three formats, for end-to-end tests of a seller with an `http` upstream.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiFormat } from '@tollway/core';
import type { SellerServiceConfig } from '../seller/seller-options.js';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';

/** The recorded real API traffic of the core package, one folder per format. */
export const RECORDED_DIR = fileURLToPath(
  new URL('../../../core/src/formats/__fixtures__/', import.meta.url),
);

/** The recorded answers the server replays: tool calls, plain text, or text cut by the token limit. */
export type RecordedAnswer = 'tool-call' | 'parallel-tools' | 'text' | 'max-tokens' | 'error-mid-stream';

/** A request holding this text gets the recorded stream that breaks with an error event. */
export const FAIL_MID_STREAM = 'FAIL MID-STREAM';

/** Requests larger than this are refused: the recorded conversations are small. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const FORMAT_OF_PATH: Readonly<Record<string, ApiFormat>> = {
  '/v1/messages': 'anthropic-messages',
  '/v1/chat/completions': 'openai-chat',
  '/v1/responses': 'openai-responses',
};

/** One request the recorded upstream received. */
export interface RecordedUpstreamRequest {
  format: ApiFormat;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  answer: RecordedAnswer;
}

/** A running {@link startRecordedUpstream}. */
export interface RecordedUpstream {
  /** `http://127.0.0.1:PORT`: a base URL for every format (paths `/v1/...`). */
  url: string;
  /** Every request, in order. */
  requests: RecordedUpstreamRequest[];
  close(): Promise<void>;
}

/**
 * Which recorded answer suits a request: the stream that breaks mid-way when the request holds
 * {@link FAIL_MID_STREAM}, the text answer once the conversation holds a tool
 * result, two parallel tool calls when two or more tools are offered, one tool call for one
 * tool, the truncated answer under a token limit below 32, else the text answer.
 *
 * @example
 * ```ts
 * chooseAnswer('openai-chat', { messages: [{ role: 'user', content: 'Hi' }] }); // 'text'
 * ```
 */
export function chooseAnswer(format: ApiFormat, body: Record<string, unknown>): RecordedAnswer {
  if (JSON.stringify(body).includes(FAIL_MID_STREAM)) return 'error-mid-stream';
  const items = (format === 'openai-responses' ? body.input : body.messages) as unknown;
  const list = Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
  const hasToolResult = list.some((item) => {
    if (format === 'openai-chat') return item.role === 'tool';
    if (format === 'openai-responses') return item.type === 'function_call_output';
    return (
      Array.isArray(item.content) &&
      (item.content as { type?: unknown }[]).some((block) => block?.type === 'tool_result')
    );
  });
  if (hasToolResult) return 'text';
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    return body.tools.length > 1 ? 'parallel-tools' : 'tool-call';
  }
  const limit = body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens;
  return typeof limit === 'number' && limit < 32 ? 'max-tokens' : 'text';
}

/**
 * The recorded answer as the upstream sent it: the JSON body, or the SSE bytes rebuilt from the
 * recording (one JSON event per line).
 *
 * @example
 * ```ts
 * recordedWire('anthropic-messages', 'text', true); // 'event: message_start\ndata: {…}\n\n…'
 * ```
 */
export function recordedWire(format: ApiFormat, answer: RecordedAnswer, stream: boolean): string {
  if (!stream) return readFileSync(join(RECORDED_DIR, format, `${answer}.response.json`), 'utf8');
  return recordedEvents(format, answer)
    .map(({ event, data }) => {
      const text = data === '[DONE]' ? data : JSON.stringify(data);
      return `${event === undefined ? '' : `event: ${event}\n`}data: ${text}\n\n`;
    })
    .join('');
}

/**
 * The events of a recorded stream, parsed.
 *
 * @example
 * ```ts
 * recordedEvents('openai-chat', 'text').at(-1); // { data: '[DONE]' }
 * ```
 */
export function recordedEvents(
  format: ApiFormat,
  answer: RecordedAnswer,
): { event?: string; data: Record<string, unknown> | '[DONE]' }[] {
  return readFileSync(join(RECORDED_DIR, format, `${answer}.stream.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/**
 * Starts an upstream on loopback plain HTTP that answers `/v1/messages`, `/v1/chat/completions`
 * and `/v1/responses` with recorded real answers of that format ({@link chooseAnswer}), whole or
 * streamed as the body's `stream` asks.
 *
 * @example
 * ```ts
 * const upstream = await startRecordedUpstream();
 * // upstream: { kind: 'http', baseUrl: `${upstream.url}/v1` }
 * await upstream.close();
 * ```
 */
export async function startRecordedUpstream(): Promise<RecordedUpstream> {
  const requests: RecordedUpstreamRequest[] = [];
  const server = createServer(async (req, res) => {
    const format = FORMAT_OF_PATH[(req.url ?? '').split('?', 1)[0] ?? ''];
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > BODY_LIMIT_BYTES) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    if (req.method !== 'POST' || !format) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const answer = chooseAnswer(format, body);
    requests.push({ format, headers: req.headers, body, answer });
    const stream = body.stream === true;
    res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    res.end(recordedWire(format, answer, stream));
  });
  server.requestTimeout = 30_000;
  const url = await listenOnLoopback(server);
  return { url, requests, close: () => closeServer(server) };
}

/** The service names of {@link recordedServices}, one per upstream format. */
export const RECORDED_SERVICES: Readonly<Record<ApiFormat, string>> = {
  'openai-chat': 'recorded-chat',
  'anthropic-messages': 'recorded-messages',
  'openai-responses': 'recorded-responses',
};

/** The key the seller sends to the recorded upstream (never a buyer's). */
export const RECORDED_UPSTREAM_KEY = 'sk-upstream-secret';

/**
 * A seller's services, one per format, forwarding to a {@link startRecordedUpstream} at `url`
 * under the upstream model name `upstream-<format>`.
 *
 * @example
 * ```ts
 * const seller = await startTestSeller({ services: recordedServices(upstream.url) });
 * ```
 */
export function recordedServices(url: string): SellerServiceConfig[] {
  return (Object.entries(RECORDED_SERVICES) as [ApiFormat, string][]).map(([format, name]) => ({
    name,
    upstreamModel: `upstream-${format}`,
    format,
    categories: ['chat'],
    pricing: { inputUsdPerMillion: '3', outputUsdPerMillion: '15' },
    upstream: { kind: 'http', baseUrl: `${url}/v1`, apiKey: RECORDED_UPSTREAM_KEY },
  }));
}
