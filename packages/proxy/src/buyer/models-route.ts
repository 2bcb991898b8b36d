import type { IncomingMessage } from 'node:http';
import { resolvePin } from '@tollway/core';
import { type BuyerContext, findPeer, pinHeader } from './buyer-context.js';
import type { ClientResponse } from './client-response.js';
import type { CatalogPeer } from './peer-catalog.js';

/** One listed model: its id and who sells it. */
interface ListedModel {
  id: string;
  peer: CatalogPeer;
}

/**
 * `GET /v1/models`. With a pin (header or session) the pinned peer's services by name; without
 * one every known peer's services as `<peerId>@<service>`, ids that work directly as `model`.
 * OpenAI's list shape, or Anthropic's when the request carries `anthropic-version`.
 */
export async function handleModels(
  ctx: BuyerContext,
  req: IncomingMessage,
  out: ClientResponse,
): Promise<void> {
  const pin = resolvePin({ header: pinHeader(req), sessionPeer: ctx.session().pinnedPeerId });
  let models: ListedModel[];
  if (pin.ok) {
    const peer = await findPeer(ctx, pin.value.peerId);
    models = peer.metadata.services.map((s) => ({ id: s.name, peer }));
  } else if (pin.error.code === 'no_peer_pinned') {
    models = ctx.catalog
      .all()
      .flatMap((peer) => peer.metadata.services.map((s) => ({ id: `${peer.peerId}@${s.name}`, peer })));
  } else {
    throw pin.error;
  }
  out.json(200, out.format === 'anthropic-messages' ? anthropicList(models) : openAiList(models));
}

function openAiList(models: ListedModel[]): Record<string, unknown> {
  return {
    object: 'list',
    data: models.map(({ id, peer }) => ({
      id,
      object: 'model',
      created: Math.floor(peer.metadata.timestamp / 1000),
      owned_by: peer.metadata.displayName,
    })),
  };
}

function anthropicList(models: ListedModel[]): Record<string, unknown> {
  return {
    data: models.map(({ id, peer }) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: new Date(peer.metadata.timestamp).toISOString(),
    })),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}
