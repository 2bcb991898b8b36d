import { parseArgs } from 'node:util';
import { normalizePeerId } from '@tollway/core';
import { BuyerStateStore } from '@tollway/proxy';
import { GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';
import { UsageError } from '../usage-error.js';

export const BUYER_CONNECTION_HELP = `Usage: tollway buyer connection <get|set|clear> [options]

The session pin in buyer.state.json: which peer (and optionally which service) requests go to
when they do not name one. It survives proxy restarts, and a running proxy picks up a change
within a second, without a restart.

  get [--json]                       show the pins
  set --peer ID [--service NAME]     pin a peer (40 hex characters, 0x and case are ignored);
                                     --service also overrides the "model" of every request
  set --service NAME                 pin only the service
  clear [--peer] [--service]         clear both pins, or only the one named

Per-request pins win over the session pin: the header "x-antseed-pin-peer: ID", or the model
"ID@MODEL". "tollway network browse" lists peers.
`;

/** `tollway buyer connection get|set|clear`: returns the exit code. */
export async function buyerConnectionCommand(
  argv: string[],
  globals: GlobalOptions,
  io: CommandIo,
): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      ...GLOBAL_ARG_OPTIONS,
      peer: { type: action === 'clear' ? 'boolean' : 'string' },
      service: { type: action === 'clear' ? 'boolean' : 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || action === '--help' || action === '-h') {
    io.stdout.write(BUYER_CONNECTION_HELP);
    return 0;
  }
  const context = await loadContext(globals, values, io);
  const store = new BuyerStateStore(context.dataDir);

  if (action === 'get') {
    const state = await store.read();
    const pins = { pinnedPeerId: state.pinnedPeerId ?? null, pinnedService: state.pinnedService ?? null };
    if (values.json) io.stdout.write(`${JSON.stringify(pins)}\n`);
    else {
      io.stdout.write(
        `peer:    ${pins.pinnedPeerId ?? '(none)'}\nservice: ${pins.pinnedService ?? '(none)'}\n`,
      );
      if (!pins.pinnedPeerId) io.stdout.write('Pin a peer with "tollway buyer connection set --peer ID".\n');
    }
    return 0;
  }

  if (action === 'set') {
    const peerFlag = typeof values.peer === 'string' ? values.peer : undefined;
    const serviceFlag = typeof values.service === 'string' ? values.service : undefined;
    if (peerFlag === undefined && serviceFlag === undefined) {
      throw new UsageError('set needs --peer ID and/or --service NAME');
    }
    const peerId = peerFlag === undefined ? undefined : normalizePeerId(peerFlag);
    if (peerFlag !== undefined && peerId === undefined) {
      throw new UsageError(
        `--peer "${peerFlag}" is not a peer id (40 hex characters, optionally 0x-prefixed)`,
      );
    }
    if (serviceFlag !== undefined && serviceFlag.trim() === '')
      throw new UsageError('--service needs a name');
    const state = await store.update((current) => ({
      ...current,
      ...(peerId !== undefined ? { pinnedPeerId: peerId } : {}),
      ...(serviceFlag !== undefined ? { pinnedService: serviceFlag } : {}),
    }));
    const known = state.discoveredPeers?.some((peer) => peer.peerId === state.pinnedPeerId);
    if (values.json)
      io.stdout.write(
        `${JSON.stringify({ pinnedPeerId: state.pinnedPeerId ?? null, pinnedService: state.pinnedService ?? null })}\n`,
      );
    else {
      if (peerId) io.stdout.write(`Pinned peer ${peerId}.\n`);
      if (serviceFlag)
        io.stdout.write(`Pinned service ${serviceFlag}: it replaces the model of every request.\n`);
      if (peerId && !known) {
        io.stdout.write(
          'This peer is not among the discovered peers yet: start the proxy with --bootstrap URL (or add the URL to network.bootstrap in config.json).\n',
        );
      }
    }
    return 0;
  }

  if (action === 'clear') {
    const both = values.peer === undefined && values.service === undefined;
    await store.update((current) => ({
      ...current,
      ...(both || values.peer ? { pinnedPeerId: null } : {}),
      ...(both || values.service ? { pinnedService: null } : {}),
    }));
    if (values.json) io.stdout.write('{"ok":true}\n');
    else io.stdout.write(both ? 'Cleared the peer and service pins.\n' : 'Cleared.\n');
    return 0;
  }
  throw new UsageError(
    `expected get, set or clear (got ${action === undefined ? 'nothing' : `"${action}"`})`,
  );
}
