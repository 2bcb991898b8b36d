import type { IncomingMessage } from 'node:http';
import {
  type ApiFormat,
  costOfUsage,
  type IrUsage,
  parseSse,
  type SseEvent,
  tokenPrices,
  translateErrorBody,
  translateRequest,
  translateResponse,
  translateStream,
} from '@tollway/core';
import { readBody } from '../http/read-body.js';
import { type BuyerContext, findPeer, findService, requestPin } from './buyer-context.js';
import { BuyerError } from './buyer-error.js';
import type { ClientResponse } from './client-response.js';
import type { BuyerPaymentContext } from './payment-step.js';
import { callPeer, readPeerBody } from './peer-call.js';
import type { PeerResponse } from './send-to-peer.js';

/** The seller path of each format: a body goes to the path of the format it is in. */
const PATH_OF: Readonly<Record<ApiFormat, string>> = {
  'anthropic-messages': '/v1/messages',
  'openai-chat': '/v1/chat/completions',
  'openai-responses': '/v1/responses',
};

/** What one request did, for its log line. */
export interface CallOutcome {
  peerId?: string;
  service?: string;
  serviceFormat?: ApiFormat;
  stream?: boolean;
  usage?: IrUsage;
  costBaseUnits?: bigint;
  /** The error code the request ended with, if any. */
  code?: string;
}

/**
 * Reads a request body as a JSON object: `body_too_large` (413) past the limit, `invalid_json`
 * (400) for anything else than an object.
 */
export async function readJsonObject(
  ctx: BuyerContext,
  req: IncomingMessage,
): Promise<Record<string, unknown>> {
  const text = (await readBody(req, ctx.bodyLimitBytes)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BuyerError('invalid_json', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BuyerError('invalid_json', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/**
 * Serves one model call (`/v1/messages`, `/v1/chat/completions`, `/v1/responses`): resolves the
 * pinned peer and service, translates the request into the service's format, sends it signed,
 * and answers in the client's format, streaming event by event. Meters the answer's usage and
 * hands it to the payment step. Throws the errors the caller renders.
 */
export async function handleModelCall(
  ctx: BuyerContext,
  req: IncomingMessage,
  out: ClientResponse,
  signal: AbortSignal,
  outcome: CallOutcome,
): Promise<void> {
  const clientFormat = out.format;
  const body = await readJsonObject(ctx, req);
  const stream = body.stream === true;
  outcome.stream = stream;
  const pin = requestPin(ctx, req, typeof body.model === 'string' ? body.model : undefined);
  if (!pin.ok) throw pin.error;
  outcome.peerId = pin.value.peerId;
  const model = pin.value.model;
  if (!model) throw new BuyerError('model_required', 'The request has no "model".', { param: 'model' });
  const peer = await findPeer(ctx, pin.value.peerId);
  const service = findService(peer, model);
  outcome.service = service.name;
  outcome.serviceFormat = service.format;

  const translated = translateRequest({ from: clientFormat, to: service.format, body });
  if (!translated.ok) throw translated.error;
  const outBody: Record<string, unknown> = { ...translated.body, model: service.name };
  const clientWantsUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  if (stream && service.format === 'openai-chat') {
    // Always ask a Chat upstream for usage: it is what the request is metered by.
    outBody.stream_options = {
      ...(isObject(outBody.stream_options) ? outBody.stream_options : {}),
      include_usage: true,
    };
  }

  const payment: BuyerPaymentContext = {
    requestId: out.requestId,
    peerId: peer.peerId,
    service: service.name,
    serviceFormat: service.format,
    clientFormat,
    stream,
    prices: tokenPrices(service.pricing),
  };
  const decision = await ctx.paymentStep.beforeRequest(payment);
  if (!decision.ok) {
    outcome.code = decision.code;
    await out.error(decision);
    return;
  }

  if (stream) out.keepAliveAfter(ctx.keepAliveAfterMs);
  const res = await callPeer(ctx, {
    peer,
    path: PATH_OF[service.format],
    body: JSON.stringify(outBody),
    clientHeaders: req.headers,
    extraHeaders: decision.headers,
    signal,
  });
  if (res.status >= 400) {
    outcome.code = await answerPeerError(res, service.format, out);
    return;
  }
  const usage = stream
    ? await relayStream(res, service.format, out, !clientWantsUsage && clientFormat === 'openai-chat')
    : await relayWhole(res, service.format, out);
  outcome.usage = usage;
  const cost = usage ? costOfUsage(usage, payment.prices) : undefined;
  if (cost !== undefined) outcome.costBaseUnits = cost;
  try {
    await ctx.paymentStep.afterResponse(payment, usage, cost);
  } catch (error) {
    ctx.logger.error('payment step failed after the response', {
      requestId: out.requestId,
      error: String(error),
    });
  }
}

/** A seller's error answer, in the client's format. Returns its code for the log. */
async function answerPeerError(res: PeerResponse, from: ApiFormat, out: ClientResponse): Promise<string> {
  const text = await readPeerBody(res);
  const body = translateErrorBody({ from, to: out.format, status: res.status, body: text });
  const fields = errorFields(body);
  if (out.committed) await out.error({ status: res.status, ...fields });
  else out.json(res.status, body);
  return fields.code;
}

/** A whole answer, translated; returns its usage. */
async function relayWhole(
  res: PeerResponse,
  from: ApiFormat,
  out: ClientResponse,
): Promise<IrUsage | undefined> {
  const text = await readPeerBody(res);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BuyerError('invalid_response', 'The peer answered with a body that is not JSON.');
  }
  const result = translateResponse({ from, to: out.format, body: json });
  if (!result.ok)
    throw new BuyerError('invalid_response', `The peer's answer is malformed: ${result.error.message}`);
  out.json(200, result.body);
  return result.usage;
}

/**
 * A streamed answer, translated event by event and written as it comes. A stream that breaks
 * ends with the client format's error event (translateStream adds it). Returns the usage.
 */
async function relayStream(
  res: PeerResponse,
  from: ApiFormat,
  out: ClientResponse,
  dropUsageChunk: boolean,
): Promise<IrUsage | undefined> {
  // The parser that translates the stream also reads its usage: the last figure is the final one.
  let usage: IrUsage | undefined;
  const events = translateStream({
    from,
    to: out.format,
    events: parseSse(res.body),
    onUsage: (reported) => {
      usage = reported;
    },
  });
  for await (const event of events) {
    // The client did not ask for Chat's usage chunk; the proxy did, to meter the call.
    if (dropUsageChunk && isUsageOnlyChunk(event)) continue;
    await out.event(event);
  }
  out.end();
  return usage;
}

function isUsageOnlyChunk(event: SseEvent): boolean {
  if (!event.data.startsWith('{') || !event.data.includes('"usage"')) return false;
  try {
    const chunk = JSON.parse(event.data) as Record<string, unknown>;
    return Array.isArray(chunk.choices) && chunk.choices.length === 0 && isObject(chunk.usage);
  } catch {
    return false;
  }
}

/** The code and message of an error body in any of the three formats. */
function errorFields(body: Record<string, unknown>): { code: string; message: string } {
  const error = isObject(body.error) ? body.error : {};
  const details = isObject(error.details) ? error.details : {};
  const code = [error.code, details.error_code, error.type].find((v) => typeof v === 'string') as
    | string
    | undefined;
  return {
    code: code ?? 'upstream_error',
    message: typeof error.message === 'string' ? error.message : 'The peer answered with an error.',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
