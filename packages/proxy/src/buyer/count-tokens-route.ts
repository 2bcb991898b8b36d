import type { IncomingMessage } from 'node:http';
import { translateErrorBody } from '@tollway/core';
import { type BuyerContext, findPeer, requestPin } from './buyer-context.js';
import { BuyerError } from './buyer-error.js';
import type { ClientResponse } from './client-response.js';
import { estimateInputTokens } from './count-tokens-estimate.js';
import { readJsonObject } from './model-call.js';
import { callPeer, readPeerBody } from './peer-call.js';

const PATH = '/v1/messages/count_tokens';

/**
 * `POST /v1/messages/count_tokens`. Forwarded to the pinned peer when its service speaks
 * Anthropic Messages and announces `countTokens`; otherwise (no pin, or a service that cannot
 * count) answered locally with an estimate of about one token per four characters of prompt
 * text, marked `x-tollway-token-count: estimate`. Counting is never billed.
 */
export async function handleCountTokens(
  ctx: BuyerContext,
  req: IncomingMessage,
  out: ClientResponse,
  signal: AbortSignal,
): Promise<void> {
  const body = await readJsonObject(ctx, req);
  const pin = requestPin(ctx, req, typeof body.model === 'string' ? body.model : undefined);
  if (!pin.ok && pin.error.code !== 'no_peer_pinned') throw pin.error;
  if (pin.ok && pin.value.model) {
    const peer = await findPeer(ctx, pin.value.peerId);
    const service = peer.metadata.services.find((s) => s.name === pin.value.model);
    if (service?.format === 'anthropic-messages' && service.countTokens) {
      const forwarded = JSON.stringify({ ...body, model: service.name });
      const res = await callPeer(ctx, {
        peer,
        path: PATH,
        body: forwarded,
        clientHeaders: req.headers,
        signal,
      });
      const text = await readPeerBody(res);
      if (res.status >= 400) {
        out.json(
          res.status,
          translateErrorBody({
            from: 'anthropic-messages',
            to: 'anthropic-messages',
            status: res.status,
            body: text,
          }),
        );
      } else {
        out.json(res.status, parseAnswer(text));
      }
      return;
    }
  }
  out.json(200, { input_tokens: estimateInputTokens(body) }, { 'x-tollway-token-count': 'estimate' });
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BuyerError(
      'invalid_response',
      'The peer answered the token count with a body that is not JSON.',
    );
  }
}
