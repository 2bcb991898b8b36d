import { parseArgs } from 'node:util';
import { normalizePeerId } from '@tollway/core';
import { type PeerMetadata, peerMetadataSchema } from '@tollway/payments';
import { BuyerStateStore, type DiscoveredPeer, discoverPeers, mergeDiscoveredPeers } from '@tollway/proxy';
import { GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';
import { renderTable } from '../table.js';
import { UsageError } from '../usage-error.js';

export const NETWORK_HELP = `Usage: tollway network browse [--bootstrap URL]... [--service NAME] [--json]
       tollway network peer <peer-id> [--json]

browse  lists the peers this buyer knows (buyer.state.json) and their services with prices in
        USD per million tokens. With --bootstrap URLs, or network.bootstrap in config.json, it
        first asks those sellers or marketplace registries and verifies each peer's signed
        metadata. --service keeps only peers selling that service.
peer    shows one peer in detail: its URL, certificate fingerprint, services, formats, prices.

Pin one with "tollway buyer connection set --peer <peer-id>".
`;

interface PeerView {
  peerId: string;
  displayName: string;
  publicUrl: string;
  pinned: boolean;
  source: string;
  lastSeen: number;
  metadata: PeerMetadata | undefined;
}

/** `tollway network browse` and `tollway network peer`: returns the exit code. */
export async function networkCommand(
  action: 'browse' | 'peer',
  argv: string[],
  globals: GlobalOptions,
  io: CommandIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: action === 'peer',
    options: {
      ...GLOBAL_ARG_OPTIONS,
      bootstrap: { type: 'string', multiple: true },
      service: { type: 'string', short: 's' },
      'insecure-http': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(NETWORK_HELP);
    return 0;
  }
  const context = await loadContext(globals, values, io);
  const store = new BuyerStateStore(context.dataDir);
  const bootstrap = [...(context.config.network?.bootstrap ?? []), ...(values.bootstrap ?? [])];
  if (action === 'browse' && bootstrap.length > 0) {
    const now = Date.now();
    const { peers, errors } = await discoverPeers({
      bootstrap,
      now,
      allowInsecureHttp: values['insecure-http'] ?? context.config.buyer?.insecureHttp ?? false,
    });
    await store.update((state) => mergeDiscoveredPeers(state, peers, { now }));
    for (const error of errors) io.stderr.write(`warning: ${error.url}: ${error.message}\n`);
  }
  const state = await store.read();
  const peers = (state.discoveredPeers ?? []).map((peer) => view(peer, state.pinnedPeerId ?? null));

  if (action === 'peer') {
    const wanted = positionals[0];
    if (!wanted) throw new UsageError('name the peer: tollway network peer <peer-id>');
    const peerId = normalizePeerId(wanted);
    if (!peerId)
      throw new UsageError(`"${wanted}" is not a peer id (40 hex characters, optionally 0x-prefixed)`);
    const peer = peers.find((p) => p.peerId === peerId);
    if (!peer) {
      io.stderr.write(
        `tollway network peer: peer ${peerId} is not known here; run "tollway network browse --bootstrap URL" with its seller or registry URL\n`,
      );
      return 1;
    }
    io.stdout.write(values.json ? `${JSON.stringify(jsonView(peer))}\n` : peerDetail(peer));
    return 0;
  }

  const shown = values.service
    ? peers.filter((peer) => peer.metadata?.services.some((s) => s.name === values.service))
    : peers;
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ peers: shown.map(jsonView) })}\n`);
    return 0;
  }
  if (shown.length === 0) {
    io.stdout.write(
      bootstrap.length === 0
        ? 'No peers known yet. Add a seller or marketplace URL: tollway network browse --bootstrap URL (or network.bootstrap in config.json).\n'
        : 'No peers found.\n',
    );
    return 0;
  }
  const rows = shown.flatMap((peer) =>
    (peer.metadata?.services ?? [])
      .filter((s) => !values.service || s.name === values.service)
      .map((s) => [
        `${peer.pinned ? '* ' : '  '}${peer.peerId}`,
        peer.displayName,
        s.name,
        s.format,
        s.pricing.inputUsdPerMillion,
        s.pricing.outputUsdPerMillion,
        s.categories.join(','),
      ]),
  );
  io.stdout.write(
    renderTable(['  PEER', 'NAME', 'SERVICE', 'FORMAT', 'IN $/M', 'OUT $/M', 'CATEGORIES'], rows),
  );
  io.stdout.write(
    shown.some((peer) => peer.pinned)
      ? '\n* pinned (change it: tollway buyer connection set --peer <peer-id>)\n'
      : '\nNo peer is pinned. Pin one: tollway buyer connection set --peer <peer-id>\n',
  );
  return 0;
}

function view(peer: DiscoveredPeer, pinned: string | null): PeerView {
  const signed = peer.signedMetadata as { metadata?: unknown } | undefined;
  const parsed = peerMetadataSchema.safeParse(signed?.metadata);
  return {
    peerId: peer.peerId,
    displayName: peer.displayName,
    publicUrl: peer.publicUrl,
    pinned: peer.peerId === pinned,
    source: peer.source,
    lastSeen: peer.lastSeen,
    metadata: parsed.success ? parsed.data : undefined,
  };
}

function jsonView(peer: PeerView) {
  return {
    peerId: peer.peerId,
    displayName: peer.displayName,
    publicUrl: peer.publicUrl,
    pinned: peer.pinned,
    source: peer.source,
    lastSeen: new Date(peer.lastSeen).toISOString(),
    tlsFingerprint256: peer.metadata?.tlsFingerprint256 ?? null,
    software: peer.metadata?.software ?? null,
    services: peer.metadata?.services ?? [],
  };
}

function peerDetail(peer: PeerView): string {
  const m = peer.metadata;
  const lines = [
    `Peer ${peer.peerId}${peer.pinned ? ' (pinned)' : ''}`,
    `  name:        ${peer.displayName}`,
    `  url:         ${peer.publicUrl}`,
    `  tls:         ${m?.tlsFingerprint256 ? `sha256 ${m.tlsFingerprint256}` : 'plain HTTP'}`,
    `  software:    ${m?.software ?? 'unknown'}`,
    `  found via:   ${peer.source}`,
    `  last seen:   ${new Date(peer.lastSeen).toISOString()}`,
    '',
  ];
  const services = m?.services ?? [];
  const table = renderTable(
    ['SERVICE', 'FORMAT', 'IN $/M', 'OUT $/M', 'CACHED IN $/M', 'COUNT TOKENS', 'CATEGORIES'],
    services.map((s) => [
      s.name,
      s.format,
      s.pricing.inputUsdPerMillion,
      s.pricing.outputUsdPerMillion,
      s.pricing.cachedInputUsdPerMillion ?? s.pricing.inputUsdPerMillion,
      s.countTokens ? 'yes' : 'no',
      s.categories.join(','),
    ]),
  );
  return `${lines.join('\n')}${table}\nPin it: tollway buyer connection set --peer ${peer.peerId}\n`;
}
