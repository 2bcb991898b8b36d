import type { Logger } from '../log/logger.js';
import type { BuyerState, BuyerStateStore } from '../state/buyer-state.js';
import { discoverPeers } from './discovery.js';
import { mergeDiscoveredPeers } from './merge-peers.js';

/** A round asked for on demand (an unknown pinned peer) waits at least this long after the last one. */
const ON_DEMAND_GAP_MS = 10_000;

/**
 * Runs discovery at start, every `intervalMs`, and on demand, one round at a time, and merges
 * what it finds into the state file (which the proxy's catalog is loaded from).
 */
export class PeerRefresher {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFinishedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: {
      store: BuyerStateStore;
      bootstrap: readonly string[];
      intervalMs: number;
      allowInsecureHttp: boolean;
      timeoutMs: number;
      logger: Logger;
      now: () => number;
      onMerged: (state: BuyerState) => Promise<void>;
    },
  ) {}

  /** Starts the periodic rounds (the first one is the caller's `refresh()`). */
  start(): void {
    if (this.options.bootstrap.length === 0 || this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A round now, or the one in progress. */
  refresh(): Promise<void> {
    if (this.options.bootstrap.length === 0) return Promise.resolve();
    this.running ??= this.round().finally(() => {
      this.running = undefined;
      this.lastFinishedAt = Date.now();
    });
    return this.running;
  }

  /** A round for a request that needs a peer not known yet, unless one finished moments ago. */
  refreshOnDemand(): Promise<void> {
    if (!this.running && Date.now() - this.lastFinishedAt < ON_DEMAND_GAP_MS) return Promise.resolve();
    return this.refresh();
  }

  private async round(): Promise<void> {
    const { logger } = this.options;
    try {
      const result = await discoverPeers({
        bootstrap: this.options.bootstrap,
        now: this.options.now(),
        timeoutMs: this.options.timeoutMs,
        allowInsecureHttp: this.options.allowInsecureHttp,
        logger,
      });
      for (const error of result.errors) logger.warn(`discovery: ${error.message}`, { ...error });
      const now = this.options.now();
      const state = await this.options.store.update((s) => mergeDiscoveredPeers(s, result.peers, { now }));
      await this.options.onMerged(state);
      logger.info('discovery round done', { peers: result.peers.length, errors: result.errors.length });
    } catch (error) {
      logger.error('discovery round failed', { error: String(error) });
    }
  }
}
